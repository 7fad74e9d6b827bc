"use strict";

const TEXT = {
  en: {
    pageTitle: "tsunagari — the support network for Japanese SMEs in Vietnam and Thailand",
    brandTag: "The support network behind Japanese SMEs in Vietnam and Thailand",
    otherLanguage: "日本語",
    otherLanguageCode: "ja",
    switchLanguage: "Switch to Japanese",
    skip: "Skip to the tools",
    tablist: "Tools",
    tabs: { chains: "Ask", search: "Search", hubs: "Hubs", referrals: "Referrals" },
    referralsTitle: "Referrals between desks",
    referralsIntro: "Refer a firm from a route, then follow it: the receiving desk accepts, works on it and closes it with an outcome that comes back to you. Only your organisation and the other one see a referral.",
    tokenLabel: "Your desk's token",
    tokenSubmit: "Open my boxes",
    tokenNeeded: "Enter your desk's token to see and send referrals.",
    boxesLabel: "Boxes",
    boxes: { received: "Received", sent: "Sent", overdue: "Overdue" },
    boxEmpty: "No referrals in this box.",
    referralStatus: {
      sent: "Sent", accepted: "Accepted", declined: "Declined", in_progress: "In progress",
      helped: "Helped", not_helped: "Not helped", withdrawn: "Withdrawn",
    },
    setStatus: {
      accepted: "Accept", declined: "Decline", in_progress: "Start work", helped: "Close: helped",
      not_helped: "Close: not helped", withdrawn: "Withdraw",
    },
    overdueChip: "Overdue",
    referralRoute: (from, to) => `${from} → ${to}`,
    sentOn: (date) => `sent ${date}`,
    firmSector: "Sector",
    firmMunicipality: "Municipality",
    firmContact: "Contact",
    referralNote: "Note",
    historyTitle: "History",
    historyEntry: (status, by, at) => `${status} — ${by}, ${at}`,
    reasonLabel: "Reason (needed to decline or to close as not helped)",
    refer: "Refer a firm",
    referTitle: (name) => `Refer a firm to ${name}`,
    referRoute: (names) => `Route: ${names}`,
    firmName: "Firm",
    consent: "The firm agreed that its details be shared with the receiving desk",
    referSubmit: "Send the referral",
    referralOutcomes: (n, helped) => `${n} ${n === 1 ? "referral" : "referrals"}, ${helped} helped`,
    chainsTitle: "What does the firm need, and whom should it see?",
    chainsIntro: "Ask as you would ask a colleague, in English or Japanese: a referral, a need, an organisation, the hubs of a region or the support on offer. Every answer names whom to contact first and shows the sentence of the source that states each step.",
    askLabel: "Question",
    askPlaceholder: "who connects an Osaka machinist to Dong Nai?",
    askSubmit: "Ask",
    examplesLabel: "Examples:",
    examples: [
      "who connects an Osaka machinist to Dong Nai?",
      "we need a rental factory in Thailand with consultation in Japanese",
      "what does the Kobe Asia Expansion Support Center do?",
      "hubs between Kansai and southern Vietnam",
      "what support is there before entry?",
    ],
    intents: { referral: "Referral", need: "Who can help", about: "About an organisation", hubs: "Hubs", menu: "Support on offer" },
    slots: {
      origin: "From", destination: "To", organisation: "Organisation", place: "Place",
      need: "Need", sector: "Sector", stage: "Stage", entry_point: "Entry point",
    },
    roles: {
      "first-contact": "First contact", bridge: "Bridge", receiver: "Receiver", provider: "Can help",
      programme: "Programme", hub: "Hub", operator: "Runs it", funder: "Funds it", member: "Member",
      partner: "Partner", place: "Where", related: "Related", organisation: "The organisation",
      "origin-support": "Local support", national: "National body", described: "In the sources",
    },
    ended: "ended",
    stated: (month) => `source of ${month}`,
    adviceLabel: "Advice",
    organisationsFound: (n) => (n === 1 ? "1 organisation" : `${n} organisations`),
    routesTitle: "Routes, step by step",
    services: "What it offers",
    noItems: "The sources name no organisation for this question.",
    tryThese: "Try one of these questions:",
    connectToggle: "Or set origin, destination and filters yourself",
    from: "From",
    to: "To",
    fromPlaceholder: "Osaka, 大田区, MOBIO",
    toPlaceholder: "Dong Nai, タイ, Long Duc",
    sector: "Sector",
    anySector: "Any sector",
    stage: "Stage",
    anyStage: "Any stage",
    entryPoint: "Entry point",
    anyEntryPoint: "Any entry point",
    connectSubmit: "Connect",
    searchTitle: "Find an organisation or place",
    searchIntro: "By any of its names: Japanese, English, romaji, Vietnamese with or without accents, Thai.",
    searchLabel: "Name",
    searchPlaceholder: "JETRO, 近畿経済産業局, Đồng Nai",
    type: "Type",
    anyType: "All types",
    searchSubmit: "Search",
    hubsTitle: "Hub organisations",
    hubsIntro: "The organisations that hold the network together, and what each one bridges.",
    metric: "Rank by",
    region: "Region (optional)",
    regionPlaceholder: "Kansai, ベトナム",
    hubsSubmit: "Rank",
    graphTitle: "Network",
    scopeLabel: "What the graph shows",
    scope: { answer: "Answer", neighbourhood: "Neighbourhood", whole: "Whole graph" },
    fit: "Reset view",
    legend: "Legend",
    graphLabel: "Network graph. The same facts are listed as text in the chains and the organisation view.",
    graphHelp: "Click a node to open it. Drag to move, scroll or pinch to zoom.",
    graphEmpty: "Ask a question or open an organisation to draw its network.",
    drawWhole: "Draw the whole graph",
    nothingToDraw: "No chain to draw.",
    truncated: "Only the nearest part of the neighbourhood is drawn.",
    truncatedWhole: (drawn, total) => `Only the ${drawn} most connected of ${total} organisations and places are drawn.`,
    entityEmptyTitle: "Organisation",
    entityEmpty: "Open an organisation from a chain, a search result, a hub or the graph to see what the document says about it.",
    loading: "Loading…",
    understood: "Understood as",
    fromChip: (name) => `from ${name}`,
    toChip: (name) => `to ${name}`,
    chainsFound: (n) => (n === 1 ? "1 referral chain" : `${n} referral chains`),
    chainTitle: (n) => `Chain ${n}`,
    chainMeta: (hops, score) => `${hops} ${hops === 1 ? "hop" : "hops"} · score ${score}`,
    highlight: "Show in graph",
    highlighted: "Shown in graph",
    quotes: (n) => (n === 1 ? "Quote and source" : `${n} quotes and sources`),
    source: (title, first, last) => `${title}, ${first === last ? `line ${first}` : `lines ${first}–${last}`}`,
    sentence: (source, relation, target) => `${source} ${relation} ${target}`,
    noChains: "No chain was found. Try without a sector, stage or entry point, or a broader place.",
    partial: "The search stopped at its time budget; there may be more chains.",
    aliases: "Also known as",
    country: "Country",
    sectors: "Sectors",
    unknownCountry: "unknown",
    showNeighbourhood: "Show its neighbourhood in the graph",
    relationsTitle: (n) => `Relations (${n})`,
    servicesTitle: (n) => (n === 1 ? "1 service" : `Services (${n})`),
    eligibility: "For whom",
    cost: "Terms",
    serviceLanguages: "Languages",
    areaServed: "Where",
    howToApply: "How to apply",
    servicePeriod: "Period",
    noRelations: "The document states no relation of this organisation.",
    mentions: (n) => `Where the document names it (${n})`,
    proposed: "proposed, not yet accepted",
    confidence: (c) => `confidence ${c}`,
    period: (since, until) => `${since || "…"} – ${until || "…"}`,
    matched: (name, how) => `matched “${name}” (${how})`,
    searchFound: (n) => (n === 1 ? "1 result" : `${n} results`),
    searchEmpty: (q) => `Nothing matches “${q}”. Try another spelling or language.`,
    hubsFound: (n) => `${n} hubs`,
    hubsEmpty: "No organisation to rank here.",
    score: "score",
    bridgesCountries: "Countries",
    bridgesCommunities: "Communities",
    brokerageTitle: "Brokerage roles",
    about: (entities, relations, documents) =>
      `${entities} organisations and places, ${relations} relations, from ${documents} ${documents === 1 ? "document" : "documents"}.`,
    apiLink: "HTTP API (OpenAPI)",
    didYouMean: (word) => `Instead of “${word}”, did you mean:`,
    errors: {
      network: "The server could not be reached. Check that tsunagari is running.",
      401: "This needs your desk's token",
      403: "Your token may not do this",
      404: "Not found",
      409: "That status cannot be set now",
      412: "Someone changed this referral meanwhile; it has been reloaded",
      422: "The request could not be answered",
      question: "The question was not understood",
      server: "The server could not answer",
      page: "Something on this page went wrong",
      graph: "The graph could not be drawn",
    },
    types: {
      Municipality: "Local government",
      GovernmentAgency: "Government agency",
      FinancialInstitution: "Financial institution",
      NPO: "NPO or association",
      SupportCenter: "Support centre",
      IndustrialPark: "Industrial park",
      TrainingInstitution: "Training institution",
      Firm: "Firm",
      Program: "Programme",
      Person: "Person",
      Place: "Place",
    },
    relations: {
      SUPPORTS: "supports",
      OPERATES: "operates",
      ESTABLISHED: "established",
      IMPLEMENTS: "carries out",
      FUNDS: "funds",
      INVESTS_IN: "invests in",
      TRAINS: "trains",
      ADVISES: "advises",
      REFERS_TO: "refers firms to",
      COORDINATES: "coordinates",
      SECRETARIAT_OF: "is the secretariat of",
      PARTNERS_WITH: "partners with",
      MEMBER_OF: "is a member of",
      AGREEMENT_WITH: "has an agreement with",
      SISTER_CITY_OF: "is a sister city of",
      CO_LOCATED_WITH: "is co-located with",
      LOCATED_IN: "is located in",
      SERVES_AREA: "serves the area of",
      TENANT_OF: "is a tenant of",
      PART_OF: "is part of",
      MERGED_INTO: "was merged into",
    },
    stages: { "pre-entry": "Before entry", entry: "Entry", "post-entry": "After entry" },
    entryPoints: { land: "Land and factories", people: "People", market: "Market and suppliers" },
    metrics: {
      betweenness: "Betweenness",
      degree: "Degree",
      pagerank: "PageRank",
      brokerage: "Brokerage",
    },
    brokerageRoles: {
      coordinator: "coordinator",
      gatekeeper: "gatekeeper",
      representative: "representative",
      itinerant: "itinerant",
      liaison: "liaison",
    },
    matches: { exact: "exact", normalised: "normalised", contained: "contained", fuzzy: "fuzzy" },
  },
  ja: {
    pageTitle: "つながり — ベトナム・タイへ進出する中小企業の支援ネットワーク",
    brandTag: "ベトナム・タイへ進出するものづくり中小企業の支援ネットワーク",
    otherLanguage: "English",
    otherLanguageCode: "en",
    switchLanguage: "英語表示に切り替え",
    skip: "ツールへ移動",
    tablist: "ツール",
    tabs: { chains: "質問する", search: "検索", hubs: "ハブ", referrals: "紹介" },
    referralsTitle: "窓口間の紹介",
    referralsIntro: "ルートから企業を紹介し、その後を追えます。受け手の窓口が受け付け、対応し、結果を付けて完了すると、その結果が紹介元に戻ります。紹介は双方の組織だけが見られます。",
    tokenLabel: "窓口のトークン",
    tokenSubmit: "受信箱・送信箱を開く",
    tokenNeeded: "紹介を見たり送ったりするには、窓口のトークンを入力してください。",
    boxesLabel: "紹介の箱",
    boxes: { received: "受けた紹介", sent: "送った紹介", overdue: "未回答（期限超過）" },
    boxEmpty: "この箱に紹介はありません。",
    referralStatus: {
      sent: "送信済み", accepted: "受付", declined: "辞退", in_progress: "対応中",
      helped: "支援できた", not_helped: "支援できなかった", withdrawn: "取り下げ",
    },
    setStatus: {
      accepted: "受け付ける", declined: "辞退する", in_progress: "対応を始める", helped: "完了：支援できた",
      not_helped: "完了：支援できなかった", withdrawn: "取り下げる",
    },
    overdueChip: "期限超過",
    referralRoute: (from, to) => `${from} → ${to}`,
    sentOn: (date) => `${date}に送信`,
    firmSector: "業種",
    firmMunicipality: "所在地",
    firmContact: "連絡先",
    referralNote: "メモ",
    historyTitle: "経過",
    historyEntry: (status, by, at) => `${status}（${by}、${at}）`,
    reasonLabel: "理由（辞退・支援できなかった場合は必須）",
    refer: "企業を紹介する",
    referTitle: (name) => `${name}へ企業を紹介`,
    referRoute: (names) => `ルート：${names}`,
    firmName: "企業名",
    consent: "企業は、受け手の窓口に情報を伝えることに同意しています",
    referSubmit: "紹介を送る",
    referralOutcomes: (n, helped) => `紹介${n}件・うち支援できた${helped}件`,
    chainsTitle: "この企業の相談、どこにつなぐ？",
    chainsIntro: "同僚に聞くように、日本語でも英語でも質問できます（紹介ルート、必要な支援、組織のこと、地域のハブ、支援メニュー）。答えには最初の相談先と、各ステップを述べる資料の一文が付きます。",
    askLabel: "質問",
    askPlaceholder: "大阪の機械加工の町工場をドンナイ省につなぐのは？",
    askSubmit: "質問する",
    examplesLabel: "例：",
    examples: [
      "大阪の機械加工の町工場をドンナイ省につなぐのは？",
      "ベトナムの現地マネージャーを育成したい",
      "神戸市アジア進出支援センターでは何をしてくれる？",
      "関西とベトナム南部の間のハブは？",
      "進出前に使える支援メニューは？",
    ],
    intents: { referral: "紹介ルート", need: "相談先探し", about: "組織について", hubs: "ハブ", menu: "支援メニュー" },
    slots: {
      origin: "出発", destination: "進出先", organisation: "組織", place: "地域",
      need: "ニーズ", sector: "業種", stage: "段階", entry_point: "入口",
    },
    roles: {
      "first-contact": "最初の相談先", bridge: "橋渡し", receiver: "受け手", provider: "対応機関",
      programme: "事業・制度", hub: "ハブ", operator: "運営", funder: "資金", member: "参加機関",
      partner: "連携先", place: "所在地", related: "関連", organisation: "対象の組織",
      "origin-support": "地元の相談先", national: "全国機関", described: "資料に記載",
    },
    ended: "終了",
    stated: (month) => `${month}時点の資料`,
    adviceLabel: "アドバイス",
    organisationsFound: (n) => `組織 ${n} 件`,
    routesTitle: "ルートの詳細",
    services: "支援内容",
    noItems: "この質問に当てはまる組織は資料にありません。",
    tryThese: "たとえば次の質問を試してください：",
    connectToggle: "出発地・進出先・条件を指定して探す",
    from: "出発（組織・地域）",
    to: "進出先（組織・地域）",
    fromPlaceholder: "大阪府、大田区、MOBIO",
    toPlaceholder: "ドンナイ省、タイ、Long Duc",
    sector: "業種",
    anySector: "すべての業種",
    stage: "段階",
    anyStage: "すべての段階",
    entryPoint: "入口",
    anyEntryPoint: "すべての入口",
    connectSubmit: "つなぐ",
    searchTitle: "組織・地域を探す",
    searchIntro: "日本語・英語・ローマ字・ベトナム語（声調記号の有無を問わず）・タイ語のどの名称でも検索できます。",
    searchLabel: "名称",
    searchPlaceholder: "JETRO、近畿経済産業局、Đồng Nai",
    type: "種類",
    anyType: "すべての種類",
    searchSubmit: "検索",
    hubsTitle: "ハブとなる組織",
    hubsIntro: "ネットワークをつなぎ止めている組織と、それぞれが橋渡ししているもの。",
    metric: "指標",
    region: "地域（任意）",
    regionPlaceholder: "関西、ベトナム",
    hubsSubmit: "表示",
    graphTitle: "ネットワーク図",
    scopeLabel: "図に表示する範囲",
    scope: { answer: "回答", neighbourhood: "周辺", whole: "全体" },
    fit: "表示をリセット",
    legend: "凡例",
    graphLabel: "ネットワーク図。同じ内容はルートと組織の詳細に文字で示しています。",
    graphHelp: "ノードをクリックすると詳細を開きます。ドラッグで移動、スクロールやピンチで拡大・縮小。",
    graphEmpty: "質問するか組織を開くと、ここにネットワーク図を描きます。",
    drawWhole: "全体を描く",
    nothingToDraw: "描くルートがありません。",
    truncated: "周辺のうち近い部分だけを描いています。",
    truncatedWhole: (drawn, total) => `組織・地域 ${total} 件のうち、つながりの多い ${drawn} 件だけを描いています。`,
    entityEmptyTitle: "組織",
    entityEmpty: "ルート・検索結果・ハブ・図から組織を開くと、資料に書かれていることを表示します。",
    loading: "読み込み中…",
    understood: "解釈",
    fromChip: (name) => `出発：${name}`,
    toChip: (name) => `進出先：${name}`,
    chainsFound: (n) => `紹介ルート ${n} 件`,
    chainTitle: (n) => `ルート ${n}`,
    chainMeta: (hops, score) => `${hops} ステップ・スコア ${score}`,
    highlight: "図で強調",
    highlighted: "図で強調中",
    quotes: (n) => `引用と出典（${n}）`,
    source: (title, first, last) => `${title}　${first === last ? first : `${first}〜${last}`}行目`,
    sentence: (source, relation, target) => `${source} → ${target}（${relation}）`,
    noChains: "ルートが見つかりませんでした。業種・段階・入口を外すか、より広い地域で試してください。",
    partial: "時間制限で探索を打ち切りました。ほかのルートがある可能性があります。",
    aliases: "別名",
    country: "国",
    sectors: "業種",
    unknownCountry: "不明",
    showNeighbourhood: "周辺を図に表示",
    relationsTitle: (n) => `関係（${n}）`,
    servicesTitle: (n) => `支援サービス（${n}）`,
    eligibility: "対象",
    cost: "費用・補助",
    serviceLanguages: "対応言語",
    areaServed: "対象地域",
    howToApply: "申込み方法",
    servicePeriod: "期間",
    noRelations: "資料にはこの組織の関係が書かれていません。",
    mentions: (n) => `資料での記載（${n}）`,
    proposed: "提案（未承認）",
    confidence: (c) => `確度 ${c}`,
    period: (since, until) => `${since || "…"}〜${until || "…"}`,
    matched: (name, how) => `「${name}」に一致（${how}）`,
    searchFound: (n) => `${n} 件`,
    searchEmpty: (q) => `「${q}」に一致するものはありません。別の表記や言語で試してください。`,
    hubsFound: (n) => `ハブ ${n} 件`,
    hubsEmpty: "ここには順位を付けられる組織がありません。",
    score: "スコア",
    bridgesCountries: "国",
    bridgesCommunities: "コミュニティ",
    brokerageTitle: "仲介の役割",
    about: (entities, relations, documents) =>
      `組織・地域 ${entities} 件、関係 ${relations} 件（資料 ${documents} 件から）。`,
    apiLink: "HTTP API（OpenAPI）",
    didYouMean: (word) => `「${word}」はこちらですか：`,
    errors: {
      network: "サーバーに接続できません。tsunagari が起動しているか確認してください。",
      401: "窓口のトークンが必要です",
      403: "このトークンではできない操作です",
      404: "見つかりません",
      409: "いまはその状態にできません",
      412: "ほかの人がこの紹介を更新しました。読み直しました",
      422: "この条件では答えられません",
      question: "質問を解釈できませんでした",
      server: "サーバーが応答できませんでした",
      page: "ページでエラーが発生しました",
      graph: "図を描けませんでした",
    },
    types: {
      Municipality: "自治体",
      GovernmentAgency: "政府機関",
      FinancialInstitution: "金融機関",
      NPO: "団体・NPO",
      SupportCenter: "支援センター",
      IndustrialPark: "工業団地",
      TrainingInstitution: "教育・研修機関",
      Firm: "企業",
      Program: "事業・制度",
      Person: "人物",
      Place: "地域",
    },
    relations: {
      SUPPORTS: "支援",
      OPERATES: "運営",
      ESTABLISHED: "設立",
      IMPLEMENTS: "実施",
      FUNDS: "資金提供",
      INVESTS_IN: "出資",
      TRAINS: "人材育成",
      ADVISES: "助言",
      REFERS_TO: "紹介",
      COORDINATES: "調整",
      SECRETARIAT_OF: "事務局",
      PARTNERS_WITH: "連携",
      MEMBER_OF: "参加・加盟",
      AGREEMENT_WITH: "協定",
      SISTER_CITY_OF: "姉妹都市",
      CO_LOCATED_WITH: "併設",
      LOCATED_IN: "所在",
      SERVES_AREA: "対象地域",
      TENANT_OF: "入居",
      PART_OF: "所属",
      MERGED_INTO: "統合",
    },
    stages: { "pre-entry": "進出前", entry: "進出時", "post-entry": "進出後" },
    entryPoints: { land: "工業用地", people: "人材", market: "販路・調達先" },
    metrics: {
      betweenness: "媒介中心性",
      degree: "次数",
      pagerank: "PageRank",
      brokerage: "仲介",
    },
    brokerageRoles: {
      coordinator: "調整者",
      gatekeeper: "門番",
      representative: "代表者",
      itinerant: "仲立ち",
      liaison: "連絡役",
    },
    matches: { exact: "完全一致", normalised: "表記ゆれ", contained: "部分一致", fuzzy: "類似" },
  },
};

const LANG_KEY = "tsunagari.lang";
const TOKEN_KEY = "tsunagari.token";
const SPOTLIGHT = { node: "#1d2430", edge: "#1f4f9c" };
const FADED = { node: { background: "#e3e7ec", border: "#c3cad3" }, edge: "#d5dae1", font: "#7d8794" };

const state = {
  lang: storedLanguage(),
  vocabulary: { sectors: {}, symmetric: [] },
  documents: {},
  answer: null,
  chain: 0,
  entityId: null,
  scope: null,
  graph: null,
  box: "received",
};
const shown = new Map();
const tickets = new Map();
const $ = (selector) => document.querySelector(selector);

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function storedLanguage() {
  const saved = storage()?.getItem(LANG_KEY);
  if (saved in TEXT) return saved;
  return navigator.language.startsWith("ja") ? "ja" : "en";
}

function t(path, ...args) {
  const value = path.split(".").reduce((node, key) => node?.[key], TEXT[state.lang]);
  return typeof value === "function" ? value(...args) : value ?? path;
}

function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "style") Object.assign(node.style, value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.flat(Infinity).filter((child) => child != null && child !== false));
  return node;
}

function refresh(target) {
  target.replaceChildren(...[shown.get(target)()].flat(Infinity).filter(Boolean));
}

function show(target, render) {
  shown.set(target, render);
  refresh(target);
}

function rerender() {
  for (const target of shown.keys()) refresh(target);
}

function announce(text) {
  $("#announce").textContent = text;
}

async function load(target, request, render) {
  const ticket = (tickets.get(target) ?? 0) + 1;
  tickets.set(target, ticket);
  target.setAttribute("aria-busy", "true");
  show(target, loadingMessage);
  try {
    const data = await request();
    if (tickets.get(target) !== ticket) return null;
    show(target, () => render(data));
    return data;
  } catch (error) {
    if (tickets.get(target) === ticket) show(target, () => failure(error));
    return null;
  } finally {
    if (tickets.get(target) === ticket) target.removeAttribute("aria-busy");
  }
}

class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function sessionStore() {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

async function deskApi(method, path, body = undefined, headers = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        Accept: "application/json", Authorization: `Bearer ${sessionStore()?.getItem(TOKEN_KEY) ?? ""}`,
        ...(body ? { "Content-Type": "application/json" } : {}), ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError(0, {});
  }
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, answer);
  return answer;
}

function showReferralsTab() {
  const tab = $("#tab-referrals");
  selectTab(tab);
  tab.scrollIntoView({ block: "start", behavior: "smooth" });
}

function openBox(which = state.box) {
  state.box = which;
  for (const button of document.querySelectorAll("[data-box]")) {
    button.setAttribute("aria-pressed", String(button.dataset.box === which));
  }
  if (!sessionStore()?.getItem(TOKEN_KEY)) {
    show($("#referrals"), () => note(t("tokenNeeded"), "empty"));
    return Promise.resolve(null);
  }
  return load($("#referrals"), () => deskApi("GET", `/v1/referrals?box=${which}`), referralsView);
}

function referralsView(data) {
  if (!data.referrals.length) return note(t("boxEmpty"), "empty");
  return h("ol", { class: "referrals" }, data.referrals.map(referralCard));
}

function referralCard(referral) {
  const firm = referral.firm;
  const facts = [
    [t("firmSector"), firm.sector], [t("firmMunicipality"), firm.municipality],
    [t("firmContact"), firm.contact], [t("referralNote"), referral.note],
  ].filter(([, value]) => value);
  return h("li", { class: referral.overdue ? "referral overdue" : "referral", "data-referral": referral.id },
    h("div", { class: "hit-head" },
      h("h4", { class: "referral-firm" }, firm.name),
      h("span", { class: `chip status-chip status-${referral.status}` }, t(`referralStatus.${referral.status}`)),
      referral.overdue ? h("span", { class: "chip overdue-chip" }, t("overdueChip")) : null),
    h("p", { class: "meta" }, t("referralRoute", nameOf(referral.sender), nameOf(referral.receiver)), " · ",
      t("sentOn", referral.sent_at.slice(0, 10))),
    referral.follow_up ? note(referral.follow_up[state.lang], "warning") : null,
    facts.length ? h("dl", { class: "facts" }, facts.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)])) : null,
    h("details", { class: "history" }, h("summary", {}, t("historyTitle")),
      h("ol", {}, referral.history.map((change) => h("li", {},
        t("historyEntry", t(`referralStatus.${change.status}`), change.by, change.at.replace("T", " ").slice(0, 16)),
        change.reason ? h("p", { class: "reason" }, change.reason) : null,
        change.note ? h("p", { class: "reason" }, change.note) : null)))),
    referral.next.length ? statusActions(referral) : null);
}

function statusActions(referral) {
  const reasonId = `reason-${referral.id}`;
  const needsReason = referral.next.some((status) => ["declined", "not_helped"].includes(status));
  return h("div", { class: "status-actions" },
    needsReason ? [h("label", { for: reasonId }, t("reasonLabel")), h("input", { id: reasonId, maxlength: "2000" })] : null,
    h("div", { class: "field-row" }, referral.next.map((status) => h("button", {
      type: "button", class: status === "declined" || status === "withdrawn" ? "ghost" : "primary",
      onclick: () => setReferralStatus(referral, status, document.getElementById(reasonId)?.value ?? ""),
    }, t(`setStatus.${status}`)))));
}

async function setReferralStatus(referral, status, reason) {
  try {
    await deskApi("PATCH", `/v1/referrals/${encodeURIComponent(referral.id)}`, { status, reason },
      { "If-Match": `"${referral.version}"` });
  } catch (error) {
    const data = await deskApi("GET", `/v1/referrals?box=${state.box}`).catch(() => null);
    show($("#referrals"), () => [failure(error), data ? referralsView(data) : null]);
    return;
  }
  await openBox();
}

function startReferral(chain) {
  const receiver = chain.receiver;
  showReferralsTab();
  show($("#refer-form-area"), () => referForm(chain, receiver));
  $("#refer-firm").focus();
}

function referForm(chain, receiver) {
  const field = (id, label, props = {}) => h("div", { class: "field" },
    h("label", { for: id }, label), h("input", { id, name: id.replace("refer-", ""), maxlength: "200", autocomplete: "off", ...props }));
  return h("form", {
    class: "form form-grid refer-form",
    onsubmit: (event) => {
      event.preventDefault();
      sendReferral(event.target, chain, receiver);
    },
  },
  h("h3", { class: "section-title field-wide" }, t("referTitle", nameOf(receiver))),
  h("p", { class: "meta field-wide" }, t("referRoute", chain.steps.map((step) => nameOf(step.entity)).join(" → "))),
  field("refer-firm", t("firmName"), { required: true }),
  field("refer-sector", t("firmSector")),
  field("refer-municipality", t("firmMunicipality")),
  field("refer-contact", t("firmContact")),
  h("div", { class: "field field-wide" }, h("label", { for: "refer-note" }, t("referralNote")),
    h("textarea", { id: "refer-note", name: "note", maxlength: "2000", rows: "3" })),
  h("div", { class: "field field-wide consent" },
    h("input", { id: "refer-consent", name: "consent", type: "checkbox", required: true }),
    h("label", { for: "refer-consent" }, t("consent"))),
  h("div", { class: "field field-submit" }, h("button", { class: "primary", type: "submit" }, t("referSubmit"))));
}

async function sendReferral(form, chain, receiver) {
  const values = Object.fromEntries(new FormData(form));
  const body = {
    to: receiver.id, chain: chain.steps.map((step) => step.entity.id), consent: values.consent === "on",
    firm: { name: values.firm, sector: values.sector, municipality: values.municipality, contact: values.contact },
    note: values.note,
  };
  try {
    await deskApi("POST", "/v1/referrals", body);
  } catch (error) {
    show($("#refer-form-area"), () => [referForm(chain, receiver), failure(error)]);
    return;
  }
  show($("#refer-form-area"), () => null);
  await openBox("sent");
}

async function api(path, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== "" && value != null));
  const url = query.size ? `${path}?${query}` : path;
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" } });
  } catch {
    throw new ApiError(0, {});
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

function errorTitle(error) {
  if (!(error instanceof ApiError)) return t("errors.page");
  if (error.status === 0) return t("errors.network");
  if ("recognised" in error.problem) return t("errors.question");
  if (error.status >= 500) return t("errors.server");
  return TEXT[state.lang].errors[error.status] ?? t("errors.422");
}

function errorDetail(problem = {}) {
  const translated = problem.messages?.[state.lang];
  if (translated) return h("p", { class: "message-detail" }, translated);
  if (state.lang === "en" && problem.detail) return h("p", { class: "message-detail", lang: "en" }, problem.detail);
  return null;
}

function failure(error) {
  announce(errorTitle(error));
  const problem = error instanceof ApiError ? error.problem : {};
  return h("div", { class: "message error", role: "alert" },
    h("p", { class: "message-title" }, errorTitle(error)),
    error instanceof ApiError ? errorDetail(problem) : h("p", {}, String(error.message)),
    recognisedView(problem.recognised ?? []),
    Array.isArray(problem.suggestions) ? questionButtons(problem.suggestions.map((q) => q[state.lang])) : didYouMean(problem.suggestions));
}

function didYouMean(found = {}) {
  return Object.entries(found).filter(([, names]) => names.length).map(([word, names]) =>
    h("p", { class: "suggestions" }, t("didYouMean", word), " ",
      names.map((suggested) => h("button", {
        type: "button", class: "chip-button",
        onclick: () => askQuestion($("#ask-q").value.replace(word, suggested)),
      }, suggested))));
}

function questionButtons(questions) {
  if (!questions.length) return null;
  return h("div", { class: "suggestions" }, h("p", {}, t("tryThese")),
    h("ul", { class: "suggestion-list" }, questions.map((question) =>
      h("li", {}, h("button", { type: "button", class: "chip-button", onclick: () => askQuestion(question) }, question)))));
}

function recognisedView(recognised) {
  if (!recognised.length) return null;
  return h("p", { class: "recognised" }, recognised.map((found) =>
    chip(`${t(`slots.${found.slot}`)}：${found.label?.[state.lang] || found.text}`)));
}

function loadingMessage() {
  announce(t("loading"));
  return h("p", { class: "message loading", role: "status" }, h("span", { class: "spinner", "aria-hidden": "true" }), t("loading"));
}

function note(text, kind = "info") {
  return h("p", { class: `message ${kind}` }, text);
}

function formatNumber(value) {
  return new Intl.NumberFormat(state.lang, { maximumSignificantDigits: 3 }).format(value);
}

function countryName(code) {
  if (!/^[A-Z]{2}$/.test(code)) return t("unknownCountry");
  return new Intl.DisplayNames([state.lang], { type: "region" }).of(code);
}

function nameOf(item) {
  const [first, second] = state.lang === "ja" ? [item.name_ja, item.name_en] : [item.name_en, item.name_ja];
  return first || second || item.id;
}

function otherNameOf(item) {
  const other = state.lang === "ja" ? item.name_en : item.name_ja;
  return other && other !== nameOf(item) ? other : "";
}

function entityHref(id) {
  return `#entity/${encodeURIComponent(id)}`;
}

function entityLink(entity) {
  return h("a", {
    class: "entity-link",
    href: entityHref(entity.id),
    onclick: (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;
      event.preventDefault();
      goToEntity(entity.id);
    },
  }, nameOf(entity));
}

function typeChip(type) {
  return h("span", { class: `chip type-chip type-${type}` }, t(`types.${type}`));
}

function chip(text) {
  return h("span", { class: "chip" }, text);
}

function isSymmetric(relation) {
  return state.vocabulary.symmetric.includes(relation.type);
}

function relationMark(relation, forward, names) {
  const arrow = isSymmetric(relation) ? "↔" : forward ? "→" : "←";
  return [
    h("span", { class: "arrow", "aria-hidden": "true" }, arrow),
    h("span", { class: "visually-hidden" }, t("sentence", names.source, t(`relations.${relation.type}`), names.target)),
  ];
}

function qualifiers(relation, periodShown = false) {
  return [
    relation.stage ? chip(t(`stages.${relation.stage}`)) : null,
    relation.entry_point ? chip(t(`entryPoints.${relation.entry_point}`)) : null,
    !periodShown && (relation.since || relation.until) ? chip(t("period", relation.since, relation.until)) : null,
    relation.status === "proposed" ? chip(t("proposed")) : null,
    relation.confidence < 1 ? chip(t("confidence", formatNumber(relation.confidence))) : null,
  ];
}

function sourceText(evidence) {
  const title = state.documents[evidence.document] ?? evidence.document;
  return t("source", title, evidence.line_start, evidence.line_end);
}

function evidenceList(evidence) {
  return h("ul", { class: "evidence" }, evidence.map((item) =>
    h("li", {},
      h("blockquote", { class: "quote" }, item.quote),
      h("p", { class: "source" }, sourceText(item), " ", h("code", { title: item.document }, item.locator)))));
}

function quotes(evidence) {
  return h("details", { class: "quotes" }, h("summary", {}, t("quotes", evidence.length)), evidenceList(evidence));
}

function answerView(answer) {
  announce(t("chainsFound", answer.chains.length));
  return [
    understoodAs(answer),
    answer.complete ? null : note(t("partial")),
    answer.chains.length
      ? [h("h3", { class: "results-title" }, t("chainsFound", answer.chains.length)),
        h("ol", { class: "chains" }, answer.chains.map(chainCard))]
      : [note(t("noChains"), "empty"), questionButtons(t("examples"))],
  ];
}

function understoodAs(answer) {
  const sector = state.vocabulary.sectors[answer.sector]?.[state.lang] ?? answer.sector;
  return h("p", { class: "understood" },
    h("span", { class: "understood-label" }, t("understood")),
    chip(t("fromChip", nameOf(answer.from))),
    chip(t("toChip", nameOf(answer.to))),
    sector ? chip(sector) : null,
    answer.stage ? chip(t(`stages.${answer.stage}`)) : null,
    answer.entry_point ? chip(t(`entryPoints.${answer.entry_point}`)) : null);
}

function month(date) {
  const [year, number] = (date || "").split("-").map(Number);
  if (!year || !number) return date;
  return new Intl.DateTimeFormat(state.lang, { year: "numeric", month: "long" }).format(new Date(year, number - 1, 1));
}

function deskView(data) {
  const { answer } = data;
  announce(answer.advice[state.lang]);
  const nothing = !answer.items.length && !answer.chains.length;
  return [
    h("p", { class: "understood" },
      h("span", { class: "understood-label" }, t("understood")),
      h("span", { class: "chip intent-chip" }, t(`intents.${data.intent}`)),
      recognisedView(data.recognised)),
    data.complete ? null : note(t("partial")),
    answer.notes.map((text) => note(text[state.lang], answer.fallback ? "fallback" : "info")),
    h("section", { class: "advice", "aria-label": t("adviceLabel") }, h("p", {}, answer.advice[state.lang])),
    answer.items.length
      ? [h("h3", { class: "results-title" }, t("organisationsFound", answer.items.length)),
        h("ol", { class: "items" }, answer.items.map(itemCard))]
      : note(t("noItems"), "empty"),
    nothing ? questionButtons(t("examples")) : null,
    answer.chains.length
      ? [h("h3", { class: "results-title" }, t("routesTitle")),
        h("ol", { class: "chains" }, answer.chains.map(chainCard))]
      : null,
  ];
}

function roleChip(role) {
  return h("span", { class: `chip role-chip role-${role}` }, t(`roles.${role}`));
}

function itemCard(item) {
  const evidence = item.relations.flatMap((relation) => relation.evidence);
  return h("li", { class: "item" },
    h("div", { class: "hit-head" }, roleChip(item.role), entityLink(item.entity), typeChip(item.entity.type),
      item.referrals ? chip(t("referralOutcomes", item.referrals.referrals, item.referrals.helped)) : null),
    h("p", { class: "reason" }, item.reason[state.lang]),
    item.services.length
      ? h("ul", { class: "services", "aria-label": t("services") }, item.services.slice(0, 3).map((service) => serviceCard(service)))
      : null,
    evidence.length ? quotes(evidence) : null);
}

function chainCard(chain, index) {
  const selected = index === state.chain;
  return h("li", { class: selected ? "chain selected" : "chain" },
    h("div", { class: "chain-head" },
      h("h4", {}, t("chainTitle", index + 1)),
      h("span", { class: "meta" }, t("chainMeta", chain.hops, formatNumber(chain.score))),
      chain.referrals ? chip(t("referralOutcomes", chain.referrals.referrals, chain.referrals.helped)) : null,
      h("button", { type: "button", class: "ghost small refer", onclick: () => startReferral(chain) }, t("refer")),
      h("button", {
        type: "button", class: "ghost small", "aria-pressed": String(selected),
        onclick: () => selectChain(index),
      }, t(selected ? "highlighted" : "highlight"))),
    h("p", { class: "explanation" }, chain.explanation[state.lang]),
    h("ol", { class: "steps" }, chain.steps.map((step, i) => stepItem(step, chain.steps[i - 1]))));
}

function stepItem(step, previous) {
  return h("li", { class: "step" },
    step.via ? hopView(step, previous.entity) : null,
    h("div", { class: "step-entity" },
      h("span", { class: "dot", "aria-hidden": "true" }),
      h("div", { class: "step-name" }, step.role ? roleChip(step.role) : null, entityLink(step.entity), typeChip(step.entity.type))));
}

function when(step) {
  return [
    step.period?.[state.lang] ? h("span", { class: step.ended ? "chip period ended" : "chip period" }, step.period[state.lang]) : null,
    step.stated ? h("span", { class: "chip stated" }, t("stated", month(step.stated))) : null,
  ];
}

function hopView(step, previous) {
  const { via } = step;
  const forward = step.direction !== "backward";
  const [source, target] = forward ? [previous, step.entity] : [step.entity, previous];
  return h("div", { class: "hop" },
    h("p", { class: "hop-relation" },
      relationMark(via, forward, { source: nameOf(source), target: nameOf(target) }),
      h("strong", { "aria-hidden": "true" }, t(`relations.${via.type}`)),
      qualifiers(via, Boolean(step.period)), when(step)),
    quotes(via.evidence));
}

function entityEmpty() {
  return [
    h("h2", { id: "entity-title", class: "card-title" }, t("entityEmptyTitle")),
    note(t("entityEmpty"), "empty"),
  ];
}

function entityView(entity) {
  const other = otherNameOf(entity);
  return h("article", { class: "entity" },
    h("p", { class: "chips" }, entity.labels.map(typeChip)),
    h("h2", { id: "entity-title", class: "entity-title", tabindex: "-1" }, nameOf(entity)),
    other ? h("p", { class: "other-name" }, other) : null,
    entityFacts(entity),
    descriptionOf(entity),
    h("button", { type: "button", class: "ghost", onclick: () => showScope("neighbourhood") }, t("showNeighbourhood")),
    entity.services.length
      ? [h("h3", { class: "section-title" }, t("servicesTitle", entity.services.length)),
        h("ul", { class: "services" }, entity.services.map((service) => serviceCard(service, entity.neighbours)))]
      : null,
    h("h3", { class: "section-title" }, t("relationsTitle", entity.relations.length)),
    entity.relations.length ? relationGroups(entity) : note(t("noRelations"), "empty"),
    entity.evidence.length
      ? h("details", { class: "quotes mentions" }, h("summary", {}, t("mentions", entity.evidence.length)), evidenceList(entity.evidence))
      : null);
}

function inLanguage(ja, en) {
  return state.lang === "ja" ? ja || en : en || ja;
}

function languageName(code) {
  return new Intl.DisplayNames([state.lang], { type: "language" }).of(code) ?? code;
}

function serviceCard(service, places = {}) {
  const areas = service.area_served.filter((id) => places[id]).map((id) => nameOf(places[id]));
  const terms = [
    [t("eligibility"), inLanguage(service.eligibility_ja, service.eligibility_en)],
    [t("cost"), inLanguage(service.cost_ja, service.cost_en)],
    [t("serviceLanguages"), service.languages.map(languageName).join(", ")],
    [t("areaServed"), areas.join(", ")],
    [t("howToApply"), inLanguage(service.how_to_apply_ja, service.how_to_apply_en)],
    [t("servicePeriod"), service.valid_from || service.valid_to ? t("period", service.valid_from, service.valid_to) : ""],
  ].filter(([, value]) => value);
  const about = inLanguage(service.description_ja, service.description_en);
  return h("li", { class: "service" },
    h("p", { class: "service-name" }, inLanguage(service.name_ja, service.name_en),
      service.source_date ? [" ", chip(t("stated", service.source_date))] : null),
    about ? h("p", { class: "service-about" }, about) : null,
    terms.length ? h("dl", { class: "facts" }, terms.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)])) : null,
    service.evidence.length ? quotes(service.evidence) : null);
}

function descriptionOf(entity) {
  const [text, lang] = state.lang === "ja" && entity.description_ja
    ? [entity.description_ja, "ja"] : [entity.description || entity.description_ja, entity.description ? "en" : "ja"];
  return text ? h("p", { class: "description", lang }, text) : null;
}

function entityFacts(entity) {
  const facts = [
    [t("aliases"), entity.aliases.filter((alias) => alias !== entity.name_ja && alias !== entity.name_en).join(" · ")],
    [t("country"), entity.country ? countryName(entity.country) : ""],
    [t("sectors"), entity.sectors.join(", ")],
  ].filter(([, value]) => value);
  return h("dl", { class: "facts" }, facts.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]));
}

function relationGroups(entity) {
  const groups = Map.groupBy(entity.relations, (relation) => relation.type);
  const ordered = [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  return ordered.map(([type, relations]) =>
    h("section", { class: "relation-group" },
      h("h4", {}, t(`relations.${type}`), " ", h("span", { class: "count" }, relations.length)),
      h("ul", { class: "relations" }, relations.map((relation) => relationItem(relation, entity)))));
}

function relationItem(relation, entity) {
  const forward = relation.source === entity.id;
  const other = entity.neighbours[forward ? relation.target : relation.source];
  const [source, target] = forward ? [entity, other] : [other, entity];
  return h("li", { class: "relation" },
    h("p", { class: "relation-head" },
      relationMark(relation, forward, { source: nameOf(source), target: nameOf(target) }),
      entityLink(other),
      typeChip(other.type),
      qualifiers(relation)),
    evidenceList(relation.evidence));
}

function searchView(data, query) {
  if (!data.results.length) return note(t("searchEmpty", query), "empty");
  announce(t("searchFound", data.results.length));
  return [
    h("h3", { class: "results-title" }, t("searchFound", data.results.length)),
    h("ul", { class: "hits" }, data.results.map((hit) =>
      h("li", { class: "hit" },
        h("div", { class: "hit-head" }, entityLink(hit), typeChip(hit.type)),
        otherNameOf(hit) ? h("p", { class: "other-name" }, otherNameOf(hit)) : null,
        h("p", { class: "meta" }, t("matched", hit.matched, t(`matches.${hit.match}`)))))),
  ];
}

function hubsView(data) {
  if (!data.hubs.length) return note(t("hubsEmpty"), "empty");
  announce(t("hubsFound", data.hubs.length));
  return h("ol", { class: "hubs" }, data.hubs.map((hub) =>
    h("li", { class: "hub" },
      h("div", { class: "hit-head" }, entityLink(hub.entity), typeChip(hub.entity.type),
        h("span", { class: "meta score" }, `${t("score")} ${formatNumber(hub.score)}`)),
      hubBridges(hub))));
}

function hubBridges(hub) {
  const byKind = (kind) => hub.bridges.filter((bridge) => bridge.kind === kind);
  const rows = [
    [t("bridgesCountries"), byKind("country").map((b) => chip(`${countryName(b.id)} ${b.neighbours}`))],
    [t("bridgesCommunities"), byKind("community").map((b) => h("span", { class: "chip", lang: "ja" }, `${b.name} ${b.neighbours}`))],
    [t("brokerageTitle"), Object.entries(hub.roles).map(([role, count]) => chip(`${t(`brokerageRoles.${role}`)} ${count}`))],
  ].filter(([, chips]) => chips.length);
  return h("dl", { class: "bridges" }, rows.map(([term, chips]) => [h("dt", {}, term), h("dd", {}, chips)]));
}

function aboutView(health, documentCount) {
  return t("about", health.entities, health.relations, documentCount);
}

function graphEmpty(text = t("graphEmpty")) {
  return h("div", { class: "graph-empty" },
    h("p", {}, text),
    h("button", { type: "button", class: "ghost", onclick: () => showScope("whole") }, t("drawWhole")));
}

function legendView() {
  return (state.graph?.legend ?? []).map((entry) =>
    h("li", {}, h("span", { class: `swatch shape-${entry.shape}`, style: { backgroundColor: entry.color }, "aria-hidden": "true" }),
      t(`types.${entry.type}`)));
}

function scopeParams(scope) {
  if (scope === "answer") return { relations: answerRelationIds().join(",") };
  if (scope === "neighbourhood") return { center: state.entityId };
  return {};
}

function answerRelationIds() {
  const ids = state.answer.chains.flatMap((chain) => chain.steps.filter((step) => step.via).map((step) => step.via.id));
  return [...new Set(ids)];
}

function spotlight() {
  if (state.scope !== "answer" || !state.answer?.chains.length) return null;
  const chain = state.answer.chains[state.chain];
  return {
    nodes: new Set(chain.steps.map((step) => step.entity.id)),
    edges: new Set(chain.steps.filter((step) => step.via).map((step) => step.via.id)),
  };
}

function nodeTitle(node) {
  return [nameOf(node), otherNameOf(node), t(`types.${node.type}`)].filter(Boolean).join("\n");
}

function edgeTitle(edge) {
  const { nodes } = state.graph;
  const line = t("sentence", nameOf(nodes.get(edge.from)), t(`relations.${edge.type}`), nameOf(nodes.get(edge.to)));
  return edge.quote ? `${line}\n「${edge.quote}」` : line;
}

function nodeStyle(node, focus) {
  const lit = !focus || focus.nodes.has(node.id);
  return {
    id: node.id,
    label: nameOf(node),
    title: nodeTitle(node),
    color: lit ? { background: node.base, border: focus ? SPOTLIGHT.node : node.base } : FADED.node,
    borderWidth: focus && lit ? 3 : 1.5,
    font: { color: lit ? "#1d2430" : FADED.font, bold: Boolean(focus && lit) },
  };
}

function edgeStyle(edge, focus) {
  const lit = focus?.edges.has(edge.id);
  return {
    id: edge.id,
    title: edgeTitle(edge),
    label: lit ? t(`relations.${edge.type}`) : "",
    color: lit ? SPOTLIGHT.edge : focus ? FADED.edge : edge.base.color,
    width: lit ? 3.5 : edge.base.width,
    font: { size: 11, color: SPOTLIGHT.edge, strokeWidth: 4, strokeColor: "#ffffff", align: "middle" },
  };
}

function styleGraph() {
  if (!state.graph) return;
  const { nodes, edges } = state.graph;
  const focus = spotlight();
  nodes.update(nodes.get().map((node) => nodeStyle(node, focus)));
  edges.update(edges.get().map((edge) => edgeStyle(edge, focus)));
}

function drawGraph(view) {
  state.graph?.network.destroy();
  const box = $("#graph");
  const nodes = new vis.DataSet(view.nodes.map((node) => ({ ...node, base: node.color })));
  const edges = new vis.DataSet(view.edges.map((edge) => ({ ...edge, base: { color: edge.color, width: edge.width } })));
  const network = new vis.Network(box, { nodes, edges }, view.options);
  state.graph = { network, nodes, edges, legend: view.legend };
  styleGraph();
  box.dataset.nodes = String(view.nodes.length);
  box.dataset.state = "layout";
  network.once("stabilizationIterationsDone", () => {
    network.setOptions({ physics: false });
    box.dataset.state = "ready";
  });
  network.on("click", ({ nodes: [id] }) => id && goToEntity(id));
  $("#graph-fit").disabled = false;
  show($("#legend"), legendView);
  if (view.truncated) {
    const said = view.total == null ? t("truncated") : t("truncatedWhole", view.nodes.length, view.total);
    show($("#graph-status"), () => note(said));
  }
}

function clearGraph(render) {
  state.graph?.network.destroy();
  state.graph = null;
  state.scope = null;
  Object.assign($("#graph").dataset, { state: "empty", nodes: "0" });
  $("#graph-fit").disabled = true;
  show($("#legend"), legendView);
  show($("#graph-status"), render);
  updateScopeButtons();
}

async function showScope(scope) {
  state.scope = scope;
  updateScopeButtons();
  $("#graph").dataset.state = "loading";
  const params = { ...scopeParams(scope), lang: state.lang };
  const view = await load($("#graph-status"), () => api("/v1/graph/view", params), () => null);
  if (!view) return;
  try {
    drawGraph(view);
  } catch (error) {
    show($("#graph-status"), () => note(`${t("errors.graph")}: ${error.message}`, "error"));
  }
  selectNode(state.entityId);
}

function selectNode(id) {
  const graph = state.graph;
  if (!id || !graph?.nodes.get(id)) return false;
  graph.network.selectNodes([id]);
  return true;
}

function updateScopeButtons() {
  const available = {
    answer: Boolean(state.answer?.chains.length),
    neighbourhood: Boolean(state.entityId),
    whole: true,
  };
  for (const button of document.querySelectorAll("[data-scope]")) {
    button.disabled = !available[button.dataset.scope];
    button.setAttribute("aria-pressed", String(button.dataset.scope === state.scope));
  }
}

function selectChain(index) {
  state.chain = index;
  refresh($("#answer"));
  $(".chain.selected button[aria-pressed]").focus();
  if (state.scope === "answer") styleGraph();
  else showScope("answer");
}

async function findChains(request, view = answerView) {
  state.answer = null;
  state.chain = 0;
  if (state.scope === "answer") clearGraph(graphEmpty);
  updateScopeButtons();
  const data = await load($("#answer"), request, view);
  if (!data) return;
  const answer = data.answer ? { ...data.parsed, chains: data.answer.chains } : data;
  state.answer = answer;
  updateScopeButtons();
  if (answer.from && answer.to) fillConnectForm(answer);
  if (answer.chains.length) showScope("answer");
  else clearGraph(() => graphEmpty(t("nothingToDraw")));
}

function askQuestion(question) {
  $("#ask-q").value = question;
  findChains(() => api("/v1/ask", { q: question }), deskView);
}

function fillConnectForm(answer) {
  const form = $("#connect-form");
  form.elements.from.value = nameOf(answer.from);
  form.elements.to.value = nameOf(answer.to);
  form.elements.sector.value = answer.sector ?? "";
  form.elements.stage.value = answer.stage ?? "";
  form.elements.entry_point.value = answer.entry_point ?? "";
}

function connectFromForm(form) {
  const params = Object.fromEntries(new FormData(form));
  findChains(async () => {
    const data = await api("/v1/connect", params);
    return { ...data, stage: params.stage, entry_point: params.entry_point };
  });
}

function searchFromForm(form) {
  const params = Object.fromEntries(new FormData(form));
  load($("#search-results"), () => api("/v1/search", { ...params, limit: 20 }), (data) => searchView(data, params.q));
}

function hubsFromForm(form) {
  const params = Object.fromEntries(new FormData(form));
  load($("#hubs-results"), () => api("/v1/hubs", { ...params, limit: 15 }), hubsView);
}

async function openEntity(id) {
  state.entityId = id;
  updateScopeButtons();
  const card = $("#entity");
  const entity = await load(card, () => api(`/v1/entities/${encodeURIComponent(id)}`), entityView);
  if (!entity) {
    if (state.entityId === id) state.entityId = null;
    updateScopeButtons();
    return;
  }
  card.scrollTop = 0;
  card.scrollIntoView({ block: "start", behavior: "smooth" });
  $("#entity-title").focus({ preventScroll: true });
  if (!selectNode(id)) showScope("neighbourhood");
}

function goToEntity(id) {
  if (location.hash !== entityHref(id)) history.pushState(null, "", entityHref(id));
  openEntity(id);
}

function routeFromHash() {
  const match = location.hash.match(/^#entity\/(.+)$/);
  if (match) openEntity(decodeURIComponent(match[1]));
}

function optionsFor(kind) {
  if (kind !== "sectors") return TEXT[state.lang][kind];
  return Object.fromEntries(Object.entries(state.vocabulary.sectors).map(([id, names]) => [id, names[state.lang]]));
}

function fillSelects() {
  for (const select of document.querySelectorAll("select[data-options]")) {
    const value = select.value;
    const any = select.dataset.any ? [h("option", { value: "" }, t(select.dataset.any))] : [];
    const options = Object.entries(optionsFor(select.dataset.options)).map(([key, label]) => h("option", { value: key }, label));
    select.replaceChildren(...any, ...options);
    select.value = value;
    if (select.selectedIndex < 0) select.selectedIndex = 0;
  }
}

function applyStaticTexts() {
  document.documentElement.lang = state.lang;
  document.title = t("pageTitle");
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
  for (const attribute of ["placeholder", "title", "aria-label"]) {
    for (const node of document.querySelectorAll(`[data-t-${attribute}]`)) {
      node.setAttribute(attribute, t(node.getAttribute(`data-t-${attribute}`)));
    }
  }
  const toggle = $("#lang");
  toggle.textContent = t("otherLanguage");
  toggle.lang = t("otherLanguageCode");
  $("#examples").replaceChildren(...t("examples").map((example) =>
    h("button", { type: "button", class: "chip-button", onclick: () => askQuestion(example) }, example)));
  fillSelects();
}

function setLanguage(lang) {
  state.lang = lang;
  storage()?.setItem(LANG_KEY, lang);
  applyStaticTexts();
  rerender();
  styleGraph();
}

function selectTab(tab) {
  for (const other of document.querySelectorAll('[role="tab"]')) {
    const selected = other === tab;
    other.setAttribute("aria-selected", String(selected));
    other.tabIndex = selected ? 0 : -1;
    $(`#${other.getAttribute("aria-controls")}`).hidden = !selected;
  }
}

function bindTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  tabs.forEach((tab, index) => {
    tab.addEventListener("click", () => selectTab(tab));
    tab.addEventListener("keydown", (event) => {
      const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
      if (!(event.key in moves)) return;
      event.preventDefault();
      const next = tabs[(moves[event.key] + tabs.length) % tabs.length];
      selectTab(next);
      next.focus();
    });
  });
}

function onSubmit(selector, handler) {
  $(selector).addEventListener("submit", (event) => {
    event.preventDefault();
    handler(event.target);
  });
}

function bindEvents() {
  bindTabs();
  onSubmit("#ask-form", (form) => askQuestion(form.elements.q.value.trim()));
  onSubmit("#connect-form", connectFromForm);
  onSubmit("#search-form", searchFromForm);
  onSubmit("#hubs-form", hubsFromForm);
  onSubmit("#token-form", (form) => {
    sessionStore()?.setItem(TOKEN_KEY, form.elements.token.value.trim());
    form.elements.token.value = "";
    openBox();
  });
  for (const button of document.querySelectorAll("[data-box]")) {
    button.addEventListener("click", () => openBox(button.dataset.box));
  }
  $("#lang").addEventListener("click", () => setLanguage(t("otherLanguageCode")));
  $("#graph-fit").addEventListener("click", () => state.graph?.network.fit({ animation: { duration: 300 } }));
  for (const button of document.querySelectorAll("[data-scope]")) {
    button.addEventListener("click", () => showScope(button.dataset.scope));
  }
  window.addEventListener("popstate", routeFromHash);
  window.addEventListener("unhandledrejection", (event) => show($("#banner"), () => failure(event.reason)));
}

async function loadReferenceData() {
  const [vocabulary, documents, health] = await Promise.all([
    api("/web/vocabulary.json"), allDocuments(), api("/healthz"),
  ]);
  state.vocabulary = vocabulary;
  state.documents = Object.fromEntries(documents.map((doc) => [doc.id, doc.title]));
  fillSelects();
  show($("#about"), () => aboutView(health, documents.length));
}

async function allDocuments() {
  let page = await api("/v1/documents", { limit: 1000 });
  const documents = [...page.documents];
  while (page.next) {
    page = await api(page.next);
    documents.push(...page.documents);
  }
  return documents;
}

function start() {
  bindEvents();
  applyStaticTexts();
  show($("#entity"), entityEmpty);
  show($("#graph-status"), graphEmpty);
  openBox();
  loadReferenceData()
    .catch((error) => show($("#banner"), () => failure(error)))
    .finally(routeFromHash);
}

start();
