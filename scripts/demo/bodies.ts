// The demo government's organisations. Names follow the structure of the Korean central and
// local governments described in the seed report; every score attached to them is invented.
import type { BodyKind } from '../../src/schemas/body.ts';

export interface BodySeed { id: string; zh: string; en: string; kind: BodyKind; parent?: string; region?: string }

const ministerial: [string, string, string][] = [
  ['moef', '策略財政部', 'Ministry of Economy and Finance'],
  ['moe', '教育部', 'Ministry of Education'],
  ['msit', '科學技術資訊通信部', 'Ministry of Science and ICT'],
  ['mofa', '外交部', 'Ministry of Foreign Affairs'],
  ['mou', '統一部', 'Ministry of Unification'],
  ['moj', '法務部', 'Ministry of Justice'],
  ['mnd', '國防部', 'Ministry of National Defense'],
  ['mois', '行政安全部', 'Ministry of the Interior and Safety'],
  ['mpva', '國家報勳部', 'Ministry of Patriots and Veterans Affairs'],
  ['mcst', '文化體育觀光部', 'Ministry of Culture, Sports and Tourism'],
  ['mafra', '農林畜產食品部', 'Ministry of Agriculture, Food and Rural Affairs'],
  ['motie', '產業通商資源部', 'Ministry of Trade, Industry and Energy'],
  ['mohw', '保健福祉部', 'Ministry of Health and Welfare'],
  ['me', '環境部', 'Ministry of Environment'],
  ['moel', '僱用勞動部', 'Ministry of Employment and Labor'],
  ['mogef', '女性家族部', 'Ministry of Gender Equality and Family'],
  ['molit', '國土交通部', 'Ministry of Land, Infrastructure and Transport'],
  ['mof', '海洋水產部', 'Ministry of Oceans and Fisheries'],
  ['mss', '中小風險企業部', 'Ministry of SMEs and Startups'],
  ['mpm', '人事革新處', 'Ministry of Personnel Management'],
  ['moleg', '法制處', 'Ministry of Government Legislation'],
  ['mfds', '食品醫藥品安全處', 'Ministry of Food and Drug Safety'],
  ['ftc', '公平交易委員會', 'Fair Trade Commission'],
  ['fsc', '金融委員會', 'Financial Services Commission'],
];

const viceMinisterial: [string, string, string, string?][] = [
  ['nts', '國稅廳', 'National Tax Service', 'moef'],
  ['kcs', '關稅廳', 'Korea Customs Service', 'moef'],
  ['pps', '調達廳', 'Public Procurement Service', 'moef'],
  ['kostat', '統計廳', 'Statistics Korea', 'moef'],
  ['mma', '兵務廳', 'Military Manpower Administration', 'mnd'],
  ['dapa', '防衛事業廳', 'Defense Acquisition Program Administration', 'mnd'],
  ['knpa', '警察廳', 'Korean National Police Agency', 'mois'],
  ['nfa', '消防廳', 'National Fire Agency', 'mois'],
  ['cha', '文化財廳', 'Cultural Heritage Administration', 'mcst'],
  ['rda', '農村振興廳', 'Rural Development Administration', 'mafra'],
  ['kfs', '山林廳', 'Korea Forest Service', 'mafra'],
  ['kipo', '特許廳', 'Korean Intellectual Property Office', 'motie'],
  ['kdca', '疾病管理廳', 'Korea Disease Control and Prevention Agency', 'mohw'],
  ['kma', '氣象廳', 'Korea Meteorological Administration', 'me'],
  ['naacc', '行政中心複合城市建設廳', 'National Agency for Administrative City Construction', 'molit'],
  ['sdia', '新萬金開發廳', 'Saemangeum Development and Investment Agency', 'molit'],
  ['kcg', '海洋警察廳', 'Korea Coast Guard', 'mof'],
  ['oka', '在外同胞廳', 'Overseas Koreans Agency', 'mofa'],
  ['acrc', '國民權益委員會', 'Anti-Corruption and Civil Rights Commission'],
  ['kcc', '放送通信委員會', 'Korea Communications Commission'],
  ['nssc', '原子力安全委員會', 'Nuclear Safety and Security Commission'],
  ['pipc', '個人情報保護委員會', 'Personal Information Protection Commission'],
];

const local: [string, string, string, BodyKind][] = [
  ['seoul', '首爾特別市', 'Seoul Metropolitan Government', 'local-metropolitan'],
  ['busan', '釜山廣域市', 'Busan Metropolitan City', 'local-metropolitan'],
  ['daegu', '大邱廣域市', 'Daegu Metropolitan City', 'local-metropolitan'],
  ['incheon', '仁川廣域市', 'Incheon Metropolitan City', 'local-metropolitan'],
  ['gwangju', '光州廣域市', 'Gwangju Metropolitan City', 'local-metropolitan'],
  ['daejeon', '大田廣域市', 'Daejeon Metropolitan City', 'local-metropolitan'],
  ['ulsan', '蔚山廣域市', 'Ulsan Metropolitan City', 'local-metropolitan'],
  ['sejong', '世宗特別自治市', 'Sejong Special Self-Governing City', 'local-metropolitan'],
  ['gyeonggi', '京畿道', 'Gyeonggi Province', 'local-provincial'],
  ['gangwon', '江原特別自治道', 'Gangwon Special Self-Governing Province', 'local-provincial'],
  ['chungbuk', '忠清北道', 'Chungcheongbuk-do Province', 'local-provincial'],
  ['chungnam', '忠清南道', 'Chungcheongnam-do Province', 'local-provincial'],
  ['jeonbuk', '全北特別自治道', 'Jeonbuk Special Self-Governing Province', 'local-provincial'],
  ['jeonnam', '全羅南道', 'Jeollanam-do Province', 'local-provincial'],
  ['gyeongbuk', '慶尚北道', 'Gyeongsangbuk-do Province', 'local-provincial'],
  ['gyeongnam', '慶尚南道', 'Gyeongsangnam-do Province', 'local-provincial'],
  ['jeju', '濟州特別自治道', 'Jeju Special Self-Governing Province', 'local-provincial'],
];

const publicInstitutions: [string, string, string, BodyKind, string][] = [
  ['kepco', '韓國電力公社', 'Korea Electric Power Corporation', 'public-enterprise', 'motie'],
  ['korail', '韓國鐵道公社', 'Korea Railroad Corporation', 'public-enterprise', 'molit'],
  ['lh', '韓國土地住宅公社', 'Korea Land and Housing Corporation', 'public-enterprise', 'molit'],
  ['kwater', '韓國水資源公社', 'Korea Water Resources Corporation', 'public-enterprise', 'me'],
  ['nhis', '國民健康保險公團', 'National Health Insurance Service', 'public-quasi-governmental', 'mohw'],
  ['nps', '國民年金公團', 'National Pension Service', 'public-quasi-governmental', 'mohw'],
  ['kotra', '大韓貿易投資振興公社', 'Korea Trade-Investment Promotion Agency', 'public-quasi-governmental', 'motie'],
  ['kto', '韓國觀光公社', 'Korea Tourism Organization', 'public-quasi-governmental', 'mcst'],
];

export const demoBodies: BodySeed[] = [
  ...ministerial.map(([id, zh, en]) => ({ id, zh, en, kind: 'central-ministerial' as const })),
  ...viceMinisterial.map(([id, zh, en, parent]) => ({ id, zh, en, kind: 'central-vice-ministerial' as const, ...(parent ? { parent } : {}) })),
  ...local.map(([id, zh, en, kind]) => ({ id, zh, en, kind, region: id })),
  ...publicInstitutions.map(([id, zh, en, kind, parent]) => ({ id, zh, en, kind, parent })),
];

/** Policy topics used to name demo programs and indicators (zh-Hant, English). */
export const topics: [string, string][] = [
  ['青年就業', 'youth employment'], ['長期照顧', 'long-term care'], ['數位政府', 'digital government'], ['防災韌性', 'disaster resilience'],
  ['碳中和', 'carbon neutrality'], ['公共住宅', 'public housing'], ['托育服務', 'childcare services'], ['中小企業融資', 'SME financing'],
  ['農村活化', 'rural revitalisation'], ['觀光振興', 'tourism promotion'], ['交通安全', 'road safety'], ['空氣品質', 'air quality'],
  ['水資源管理', 'water management'], ['公共衛生', 'public health'], ['文化近用', 'access to culture'], ['終身學習', 'lifelong learning'],
  ['社會住宅', 'social housing'], ['再生能源', 'renewable energy'], ['智慧城市', 'smart city'], ['高齡友善', 'age-friendly services'],
  ['兒少保護', 'child protection'], ['性別平等', 'gender equality'], ['資料開放', 'open data'], ['法規鬆綁', 'regulatory relief'],
  ['海洋保育', 'marine conservation'], ['食品安全', 'food safety'], ['產業創新', 'industrial innovation'], ['出口拓展', 'export promotion'],
  ['職業安全', 'occupational safety'], ['偏鄉醫療', 'rural health care'], ['公共運輸', 'public transport'], ['資源回收', 'recycling'],
  ['身心障礙支持', 'disability support'], ['新住民服務', 'services for new residents'], ['治安維護', 'public safety'], ['森林保育', 'forest conservation'],
];
