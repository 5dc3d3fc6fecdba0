// The demo government's organisations. Names follow the structure of the Korean central and
// local governments described in the seed report; every score attached to them is invented.
// Korean names are the bodies' official names in the era of their zh-Hant names (e.g. 문화재청,
// 강원특별자치도, 전북특별자치도).
import type { BodyKind } from '../../src/schemas/body.ts';

/** `generated`: invented to scale the demo up (a benchmark filler), not one of the demo's own bodies. */
export interface BodySeed { id: string; zh: string; en: string; ko: string; kind: BodyKind; parent?: string; region?: string; generated?: boolean }

const ministerial: [string, string, string, string][] = [
  ['moef', '策略財政部', 'Ministry of Economy and Finance', '기획재정부'],
  ['moe', '教育部', 'Ministry of Education', '교육부'],
  ['msit', '科學技術資訊通信部', 'Ministry of Science and ICT', '과학기술정보통신부'],
  ['mofa', '外交部', 'Ministry of Foreign Affairs', '외교부'],
  ['mou', '統一部', 'Ministry of Unification', '통일부'],
  ['moj', '法務部', 'Ministry of Justice', '법무부'],
  ['mnd', '國防部', 'Ministry of National Defense', '국방부'],
  ['mois', '行政安全部', 'Ministry of the Interior and Safety', '행정안전부'],
  ['mpva', '國家報勳部', 'Ministry of Patriots and Veterans Affairs', '국가보훈부'],
  ['mcst', '文化體育觀光部', 'Ministry of Culture, Sports and Tourism', '문화체육관광부'],
  ['mafra', '農林畜產食品部', 'Ministry of Agriculture, Food and Rural Affairs', '농림축산식품부'],
  ['motie', '產業通商資源部', 'Ministry of Trade, Industry and Energy', '산업통상자원부'],
  ['mohw', '保健福祉部', 'Ministry of Health and Welfare', '보건복지부'],
  ['me', '環境部', 'Ministry of Environment', '환경부'],
  ['moel', '僱用勞動部', 'Ministry of Employment and Labor', '고용노동부'],
  ['mogef', '女性家族部', 'Ministry of Gender Equality and Family', '여성가족부'],
  ['molit', '國土交通部', 'Ministry of Land, Infrastructure and Transport', '국토교통부'],
  ['mof', '海洋水產部', 'Ministry of Oceans and Fisheries', '해양수산부'],
  ['mss', '中小風險企業部', 'Ministry of SMEs and Startups', '중소벤처기업부'],
  ['mpm', '人事革新處', 'Ministry of Personnel Management', '인사혁신처'],
  ['moleg', '法制處', 'Ministry of Government Legislation', '법제처'],
  ['mfds', '食品醫藥品安全處', 'Ministry of Food and Drug Safety', '식품의약품안전처'],
  ['ftc', '公平交易委員會', 'Fair Trade Commission', '공정거래위원회'],
  ['fsc', '金融委員會', 'Financial Services Commission', '금융위원회'],
];

const viceMinisterial: [string, string, string, string, string?][] = [
  ['nts', '國稅廳', 'National Tax Service', '국세청', 'moef'],
  ['kcs', '關稅廳', 'Korea Customs Service', '관세청', 'moef'],
  ['pps', '調達廳', 'Public Procurement Service', '조달청', 'moef'],
  ['kostat', '統計廳', 'Statistics Korea', '통계청', 'moef'],
  ['mma', '兵務廳', 'Military Manpower Administration', '병무청', 'mnd'],
  ['dapa', '防衛事業廳', 'Defense Acquisition Program Administration', '방위사업청', 'mnd'],
  ['knpa', '警察廳', 'Korean National Police Agency', '경찰청', 'mois'],
  ['nfa', '消防廳', 'National Fire Agency', '소방청', 'mois'],
  ['cha', '文化財廳', 'Cultural Heritage Administration', '문화재청', 'mcst'],
  ['rda', '農村振興廳', 'Rural Development Administration', '농촌진흥청', 'mafra'],
  ['kfs', '山林廳', 'Korea Forest Service', '산림청', 'mafra'],
  ['kipo', '特許廳', 'Korean Intellectual Property Office', '특허청', 'motie'],
  ['kdca', '疾病管理廳', 'Korea Disease Control and Prevention Agency', '질병관리청', 'mohw'],
  ['kma', '氣象廳', 'Korea Meteorological Administration', '기상청', 'me'],
  ['naacc', '行政中心複合城市建設廳', 'National Agency for Administrative City Construction', '행정중심복합도시건설청', 'molit'],
  ['sdia', '新萬金開發廳', 'Saemangeum Development and Investment Agency', '새만금개발청', 'molit'],
  ['kcg', '海洋警察廳', 'Korea Coast Guard', '해양경찰청', 'mof'],
  ['oka', '在外同胞廳', 'Overseas Koreans Agency', '재외동포청', 'mofa'],
  ['acrc', '國民權益委員會', 'Anti-Corruption and Civil Rights Commission', '국민권익위원회'],
  ['kcc', '放送通信委員會', 'Korea Communications Commission', '방송통신위원회'],
  ['nssc', '原子力安全委員會', 'Nuclear Safety and Security Commission', '원자력안전위원회'],
  ['pipc', '個人情報保護委員會', 'Personal Information Protection Commission', '개인정보보호위원회'],
];

const local: [string, string, string, string, BodyKind][] = [
  ['seoul', '首爾特別市', 'Seoul Metropolitan Government', '서울특별시', 'local-metropolitan'],
  ['busan', '釜山廣域市', 'Busan Metropolitan City', '부산광역시', 'local-metropolitan'],
  ['daegu', '大邱廣域市', 'Daegu Metropolitan City', '대구광역시', 'local-metropolitan'],
  ['incheon', '仁川廣域市', 'Incheon Metropolitan City', '인천광역시', 'local-metropolitan'],
  ['gwangju', '光州廣域市', 'Gwangju Metropolitan City', '광주광역시', 'local-metropolitan'],
  ['daejeon', '大田廣域市', 'Daejeon Metropolitan City', '대전광역시', 'local-metropolitan'],
  ['ulsan', '蔚山廣域市', 'Ulsan Metropolitan City', '울산광역시', 'local-metropolitan'],
  ['sejong', '世宗特別自治市', 'Sejong Special Self-Governing City', '세종특별자치시', 'local-metropolitan'],
  ['gyeonggi', '京畿道', 'Gyeonggi Province', '경기도', 'local-provincial'],
  ['gangwon', '江原特別自治道', 'Gangwon Special Self-Governing Province', '강원특별자치도', 'local-provincial'],
  ['chungbuk', '忠清北道', 'Chungcheongbuk-do Province', '충청북도', 'local-provincial'],
  ['chungnam', '忠清南道', 'Chungcheongnam-do Province', '충청남도', 'local-provincial'],
  ['jeonbuk', '全北特別自治道', 'Jeonbuk Special Self-Governing Province', '전북특별자치도', 'local-provincial'],
  ['jeonnam', '全羅南道', 'Jeollanam-do Province', '전라남도', 'local-provincial'],
  ['gyeongbuk', '慶尚北道', 'Gyeongsangbuk-do Province', '경상북도', 'local-provincial'],
  ['gyeongnam', '慶尚南道', 'Gyeongsangnam-do Province', '경상남도', 'local-provincial'],
  ['jeju', '濟州特別自治道', 'Jeju Special Self-Governing Province', '제주특별자치도', 'local-provincial'],
];

const publicInstitutions: [string, string, string, string, BodyKind, string][] = [
  ['kepco', '韓國電力公社', 'Korea Electric Power Corporation', '한국전력공사', 'public-enterprise', 'motie'],
  ['korail', '韓國鐵道公社', 'Korea Railroad Corporation', '한국철도공사', 'public-enterprise', 'molit'],
  ['lh', '韓國土地住宅公社', 'Korea Land and Housing Corporation', '한국토지주택공사', 'public-enterprise', 'molit'],
  ['kwater', '韓國水資源公社', 'Korea Water Resources Corporation', '한국수자원공사', 'public-enterprise', 'me'],
  ['nhis', '國民健康保險公團', 'National Health Insurance Service', '국민건강보험공단', 'public-quasi-governmental', 'mohw'],
  ['nps', '國民年金公團', 'National Pension Service', '국민연금공단', 'public-quasi-governmental', 'mohw'],
  ['kotra', '大韓貿易投資振興公社', 'Korea Trade-Investment Promotion Agency', '대한무역투자진흥공사', 'public-quasi-governmental', 'motie'],
  ['kto', '韓國觀光公社', 'Korea Tourism Organization', '한국관광공사', 'public-quasi-governmental', 'mcst'],
];

export const demoBodies: BodySeed[] = [
  ...ministerial.map(([id, zh, en, ko]) => ({ id, zh, en, ko, kind: 'central-ministerial' as const })),
  ...viceMinisterial.map(([id, zh, en, ko, parent]) => ({ id, zh, en, ko, kind: 'central-vice-ministerial' as const, ...(parent ? { parent } : {}) })),
  ...local.map(([id, zh, en, ko, kind]) => ({ id, zh, en, ko, kind, region: id })),
  ...publicInstitutions.map(([id, zh, en, ko, kind, parent]) => ({ id, zh, en, ko, kind, parent })),
];

/** Policy topics used to name demo programs and indicators (zh-Hant, English, Korean). */
export const topics: [string, string, string][] = [
  ['青年就業', 'youth employment', '청년 고용'], ['長期照顧', 'long-term care', '장기요양'],
  ['數位政府', 'digital government', '디지털정부'], ['防災韌性', 'disaster resilience', '재난 대응력 강화'],
  ['碳中和', 'carbon neutrality', '탄소중립'], ['公共住宅', 'public housing', '공공주택'],
  ['托育服務', 'childcare services', '보육 서비스'], ['中小企業融資', 'SME financing', '중소기업 금융 지원'],
  ['農村活化', 'rural revitalisation', '농촌 활성화'], ['觀光振興', 'tourism promotion', '관광 진흥'],
  ['交通安全', 'road safety', '교통안전'], ['空氣品質', 'air quality', '대기질 개선'],
  ['水資源管理', 'water management', '수자원 관리'], ['公共衛生', 'public health', '공중보건'],
  ['文化近用', 'access to culture', '문화 향유 기회 확대'], ['終身學習', 'lifelong learning', '평생학습'],
  ['社會住宅', 'social housing', '사회주택'], ['再生能源', 'renewable energy', '재생에너지'],
  ['智慧城市', 'smart city', '스마트시티'], ['高齡友善', 'age-friendly services', '고령친화 서비스'],
  ['兒少保護', 'child protection', '아동·청소년 보호'], ['性別平等', 'gender equality', '양성평등'],
  ['資料開放', 'open data', '공공데이터 개방'], ['法規鬆綁', 'regulatory relief', '규제 완화'],
  ['海洋保育', 'marine conservation', '해양 보전'], ['食品安全', 'food safety', '식품안전'],
  ['產業創新', 'industrial innovation', '산업 혁신'], ['出口拓展', 'export promotion', '수출 확대'],
  ['職業安全', 'occupational safety', '산업안전'], ['偏鄉醫療', 'rural health care', '의료취약지 의료 지원'],
  ['公共運輸', 'public transport', '대중교통'], ['資源回收', 'recycling', '자원 재활용'],
  ['身心障礙支持', 'disability support', '장애인 지원'], ['新住民服務', 'services for new residents', '이주민 정착 지원'],
  ['治安維護', 'public safety', '치안 유지'], ['森林保育', 'forest conservation', '산림 보전'],
];
