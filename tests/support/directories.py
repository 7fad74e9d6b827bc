"""A small desk directory of Hamamatsu (a city no source document names) for the import tests:
two organisations, their relations, and versions of it with one thing wrong."""

ORGANISATIONS = "\n".join([
    "id,type,name_ja,name_en,aliases,located_in,description",
    "hamamatsu-desk-chamber,SupportCenter,浜松国際ビジネス相談室,Hamamatsu International Business "
    "Desk,浜松国際相談室|HIBD,浜松市,浜松市の中小製造業の海外展開を相談窓口で支援する。",
    "tenryu-shinkin-test,FinancialInstitution,天竜テスト信用金庫,Tenryu Test Shinkin Bank,,静岡県,"
    "Regional shinkin bank that introduces its clients to partners abroad.",
]) + "\n"
RELATIONS = "\n".join([
    "from,type,to,quote,source",
    "hamamatsu-desk-chamber,PARTNERS_WITH,jetro,浜松国際ビジネス相談室はJETROと連携して海外展開の"
    "相談会を開く。,desk notes 2026-11",
    "tenryu-shinkin-test,SUPPORTS,hamamatsu-desk-chamber,天竜テスト信用金庫は浜松国際ビジネス相談室"
    "の相談会を後援する。,",
]) + "\n"
BAD_PLACE = ORGANISATIONS.replace(",浜松市,", ",Hamamatsuu,")
"""Row 2 names a place nobody knows (column located_in, value Hamamatsuu)."""
BAD_TYPE = ORGANISATIONS.replace(",FinancialInstitution,", ",Bank,")
"""Row 3 has a type that is not one (column type, value Bank)."""
AMBIGUOUS_PLACE = ORGANISATIONS.replace(",静岡県,", ",府中市,")
"""Row 3 names a place two municipalities are called (府中市 of Tokyo and of Hiroshima)."""
BAD_RELATION = RELATIONS.replace("PARTNERS_WITH,jetro", "PARTNERS_WITH,nobody-known")
"""Row 2 of the relations names an end nobody knows (column to)."""
