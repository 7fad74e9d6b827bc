"""Documents that tests upload."""

SECOND_DOCUMENT = """堺市の中小企業海外展開支援（2025年度）

・堺市産業振興センターは、近畿経済産業局と連携し、ビンズオン省への進出を検討する
市内の金属加工企業を支援する。
・浪速信用金庫は、ビンズオン省に進出する取引先企業に出資する。
・堺ものづくり協会は、堺市産業振興センターと協力してベトナム人技能実習生の研修を行う。
"""
"""A second document, about Sakai, that names some known and some new organisations."""
