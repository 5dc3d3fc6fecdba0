// Evaluation schemes of the demo government. What the seed report states is written as a claim
// citing it (content/references.yaml, source "ndc-2024", with the pages of the report's table of
// contents); what the demo adds is a claim naming one of the assumptions listed there, so every
// statement a page shows says what it rests on. Korean uses the terms of the Korean system itself
// (특정평가, 합동평가, 규제혁신, 적극행정 …); invented parts say 예시, as everywhere in the demo.
import type { Claim } from '../../src/schemas/common.ts';
import type { Framework, Scheme } from '../../src/schemas/scheme.ts';

export const T = (zh: string, en: string, ko: string) => ({ 'zh-Hant': zh, en, ko });
type Text = ReturnType<typeof T>;

/** The seed report, as content/references.yaml names it. */
export const SOURCE = 'ndc-2024';
const cite = (pages: string, text: Text): Claim => ({ source: SOURCE, pages, text });
const assume = (assumption: string, text: Text): Claim => ({ assumption, text });

const majorPolicy = {
  id: 'major-policy', name: T('主要政策', 'Major policy', '주요정책'), weight: 50,
  subCriteria: [
    { id: 'implementation', name: T('落實度', 'Implementation', '이행도'), weight: 15 },
    { id: 'goal-achievement', name: T('目標達成情形', 'Goal achievement', '목표 달성도'), weight: 30 },
    { id: 'effectiveness', name: T('政策有效性', 'Policy effectiveness', '정책 효과성'), weight: 45 },
    { id: 'satisfaction', name: T('公眾滿意度', 'Public satisfaction', '국민 만족도'), weight: 10 },
  ],
};
const regulatory = {
  id: 'regulatory-innovation', name: T('監管革新', 'Regulatory innovation', '규제혁신'), weight: 20,
  subCriteria: [
    { id: 'key-areas', name: T('重點領域監理完善', 'Key-area regulatory reform', '중점 분야 규제 개선'), weight: 55 },
    { id: 'quality', name: T('監理品質管理', 'Regulatory quality management', '규제 품질 관리'), weight: 25 },
    { id: 'communication', name: T('監理創新溝通與認知', 'Communication and awareness of reform', '규제혁신 소통 및 인식'), weight: 20 },
  ],
};
const governmentInnovation = {
  id: 'government-innovation', name: T('政府創新', 'Government innovation', '정부혁신'), weight: 10,
  subCriteria: [
    { id: 'capacity', name: T('創新能力', 'Innovation capacity', '혁신 역량'), weight: 15 },
    { id: 'performance', name: T('創新績效', 'Innovation performance', '혁신 성과'), weight: 65 },
    { id: 'livelihoods', name: T('改善民生情形', 'Improvement of livelihoods', '민생 개선'), weight: 10 },
    { id: 'favourability', name: T('國民好感度', 'Public favourability', '국민 호감도'), weight: 10 },
  ],
};
const communication = {
  id: 'policy-communication', name: T('政策溝通', 'Policy communication', '정책소통'), weight: 20,
  assessedBy: T('文化體育觀光部參與評估', 'Assessed with the Ministry of Culture, Sports and Tourism', '문화체육관광부 평가 참여'),
  subCriteria: [
    { id: 'activities', name: T('政策溝通活動', 'Communication activities', '정책소통 활동'), weight: 15 },
    { id: 'performance', name: T('政策溝通績效', 'Communication performance', '정책소통 성과'), weight: 70 },
    { id: 'satisfaction', name: T('溝通滿意度', 'Communication satisfaction', '소통 만족도'), weight: 10 },
    { id: 'reach', name: T('行銷擴散度', 'Reach', '홍보 확산도'), weight: 5 },
  ],
};
const coordination = {
  id: 'cross-agency-coordination', name: T('跨機關協調', 'Cross-agency coordination', '부처 간 협업'), weight: 15,
  subCriteria: [
    { id: 'effort', name: T('協作努力', 'Collaborative effort', '협업 노력'), weight: 40 },
    { id: 'performance', name: T('協作績效', 'Collaborative performance', '협업 성과'), weight: 50 },
    { id: 'satisfaction', name: T('公眾滿意度', 'Public satisfaction', '국민 만족도'), weight: 10 },
  ],
};

/**
 * The specific evaluation's grades: an assumption. The source names no scale; it congratulates the
 * Ministry of Economy and Finance on its 2023 A, so A is a good grade here, not "average".
 */
const specificScale: Framework['grading'] = {
  type: 'absolute',
  grades: [
    { grade: 'S', min: 90, label: T('卓越', 'Outstanding', '탁월') },
    { grade: 'A', min: 80, label: T('優良', 'Good', '우수') },
    { grade: 'B', min: 70, label: T('普通', 'Fair', '보통') },
    { grade: 'C', min: 0, label: T('待改善', 'Needs improvement', '미흡') },
  ],
};

const specificGradingClaims = (year: number): Claim[] => [
  assume('specific-grading', T('等第 S、A、B、C 的名稱與分數門檻（90、80、70）。', 'The grades S, A, B and C, their names and their thresholds (90, 80, 70).', '등급 S·A·B·C의 명칭과 점수 기준(90점, 80점, 70점).')),
  ...(year === 2023 ? [cite('13–16', T('策略財政部在 2023 年特定評估獲得 A 級。', 'The Ministry of Economy and Finance received an A in the 2023 specific evaluation.', '기획재정부는 2023년 특정평가에서 A등급을 받았다.'))] : []),
];

const subCriteriaClaims = (year: number): Claim[] => [
  cite('21', T('各項目的次項目及其比重（表 3，2024 年政府績效評估實施計畫草案）。', 'The sub-criteria of each dimension and their shares (table 3, from the draft 2024 evaluation plan).', '각 부문의 세부 항목과 비중(표 3, 2024년 정부업무평가 시행계획안).')),
  ...(year < 2024 ? [assume('specific-sub-criteria-years', T(`${year} 年沿用表 3 所列的次項目比重。`, `${year} uses the sub-criterion shares of table 3.`, `${year}년에도 표 3의 세부 항목 비중을 적용한다.`))] : []),
];

function specificFramework(year: number): Framework {
  if (year >= 2024) {
    return {
      year, total: 100, bonusMax: 0, grading: specificScale, indicators: [],
      dimensions: [{ ...majorPolicy, weight: 45 }, { ...regulatory, weight: 15 }, governmentInnovation, { ...communication, weight: 15 }, coordination],
      claims: [
        cite('18–22', T('2024 年新增「跨機關協調」評估面向，並取消積極行政加分。', '2024 adds the cross-agency coordination dimension and drops the proactive-administration bonus.', '2024년에는 「부처 간 협업」 평가 부문을 신설하고 적극행정 가점을 폐지했다.')),
        assume('specific-2024-weights', T('2024 年各項目配分：主要政策 45、監管革新 15、政府創新 10、政策溝通 15、跨機關協調 15。', 'The 2024 weights: major policy 45, regulatory innovation 15, government innovation 10, policy communication 15, cross-agency coordination 15.', '2024년 부문별 배점: 주요정책 45점, 규제혁신 15점, 정부혁신 10점, 정책소통 15점, 부처 간 협업 15점.')),
        ...subCriteriaClaims(year),
        ...specificGradingClaims(year),
      ],
    };
  }
  const weights2023 = cite('18–22', T('2023 年配分：主要政策 50、監管革新 20、政府創新 10、政策溝通 20。', '2023 weights: major policy 50, regulatory innovation 20, government innovation 10, policy communication 20.', '2023년 배점: 주요정책 50점, 규제혁신 20점, 정부혁신 10점, 정책소통 20점.'));
  return {
    year, total: 100, bonusMax: 3, bonusName: T('積極行政', 'Proactive administration', '적극행정'), grading: specificScale, indicators: [],
    dimensions: [majorPolicy, regulatory, governmentInnovation, communication],
    claims: [
      year === 2023 ? weights2023 : assume('specific-2022-weights', T(`${year} 年沿用 2023 年的項目與配分（主要政策 50、監管革新 20、政府創新 10、政策溝通 20）。`, `${year} uses the 2023 dimensions and weights (major policy 50, regulatory innovation 20, government innovation 10, policy communication 20).`, `${year}년에도 2023년의 부문과 배점(주요정책 50점, 규제혁신 20점, 정부혁신 10점, 정책소통 20점)을 적용한다.`)),
      cite('18–22', T('2022 至 2023 年另設「積極行政」加分，最高 3 分。', '2022 and 2023 add a proactive-administration bonus of up to 3 points.', '2022~2023년에는 「적극행정」 가점(최대 3점)을 별도로 두었다.')),
      ...subCriteriaClaims(year),
      ...specificGradingClaims(year),
    ],
  };
}

/**
 * The six national goals of the joint evaluation, named as the source's footnote 4 names them, and
 * the policy topics of each goal's indicators (names and counts are demo assumptions; the source
 * gives 106 indicators in all).
 */
export const jointGoals: { id: string; name: Text; weight: number; indicators: number; topics: [string, string, string][] }[] = [
  {
    id: 'goal-1', name: T('建立保障人民生命安全的社會', 'A society that keeps people safe', '국민의 생명과 안전을 지키는 사회'), weight: 20, indicators: 18,
    topics: [['交通安全', 'road safety', '교통안전'], ['防災韌性', 'disaster resilience', '재난 대응력'], ['治安維護', 'public safety', '치안 유지'], ['食品安全', 'food safety', '식품안전'], ['職業安全', 'occupational safety', '산업안전'], ['傳染病防治', 'infectious-disease control', '감염병 대응']],
  },
  {
    id: 'goal-2', name: T('創建包容性的全民福利體系', 'An inclusive welfare system for everyone', '모두를 포용하는 복지 체계'), weight: 20, indicators: 24,
    topics: [['長期照顧', 'long-term care', '장기요양'], ['托育服務', 'childcare services', '보육 서비스'], ['身心障礙支持', 'disability support', '장애인 지원'], ['高齡友善', 'age-friendly services', '고령친화 서비스'], ['兒少保護', 'child protection', '아동·청소년 보호'], ['社會住宅', 'social housing', '사회주택'], ['新住民服務', 'services for new residents', '이주민 정착 지원'], ['偏鄉醫療', 'rural health care', '의료취약지 의료 지원']],
  },
  {
    id: 'goal-3', name: T('強化創新且有韌性的經濟', 'An innovative, resilient economy', '혁신적이고 회복력 있는 경제'), weight: 20, indicators: 20,
    topics: [['青年就業', 'youth employment', '청년 고용'], ['中小企業融資', 'SME financing', '중소기업 금융 지원'], ['產業創新', 'industrial innovation', '산업 혁신'], ['出口拓展', 'export promotion', '수출 확대'], ['數位政府', 'digital government', '디지털정부'], ['法規鬆綁', 'regulatory relief', '규제 완화']],
  },
  {
    id: 'goal-4', name: T('推動均衡的區域發展', 'Balanced regional development', '균형 있는 지역 발전'), weight: 15, indicators: 18,
    topics: [['農村活化', 'rural revitalisation', '농촌 활성화'], ['公共運輸', 'public transport', '대중교통'], ['智慧城市', 'smart city', '스마트시티'], ['地方創生', 'local revitalisation', '지역 활성화'], ['觀光振興', 'tourism promotion', '관광 진흥'], ['文化近用', 'access to culture', '문화 향유 기회 확대']],
  },
  {
    id: 'goal-5', name: T('促進環保與可持續發展', 'Environmental protection and sustainability', '환경 보호와 지속가능한 발전'), weight: 15, indicators: 16,
    topics: [['碳中和', 'carbon neutrality', '탄소중립'], ['空氣品質', 'air quality', '대기질 개선'], ['水資源管理', 'water management', '수자원 관리'], ['再生能源', 'renewable energy', '재생에너지'], ['資源回收', 'recycling', '자원 재활용'], ['森林保育', 'forest conservation', '산림 보전']],
  },
  {
    id: 'goal-6', name: T('提升全球領導力及和平努力', 'Global leadership and efforts for peace', '글로벌 리더십과 평화를 위한 노력'), weight: 10, indicators: 10,
    topics: [['國際交流', 'international exchange', '국제 교류'], ['外國投資招商', 'foreign investment', '외국인 투자 유치'], ['國際會議招攬', 'international conferences', '국제회의 유치'], ['在地外國人支援', 'support for foreign residents', '외국인 주민 지원'], ['和平統一教育', 'peace and unification education', '평화·통일 교육']],
  },
];

/** What an indicator measures: quantitative measures per topic, then one qualitative assessment. */
const measures: { type: 'quantitative' | 'qualitative'; name: (t: [string, string, string]) => Text }[] = [
  { type: 'quantitative', name: ([zh, en, ko]) => T(`${zh}目標達成率`, `${en[0]!.toUpperCase()}${en.slice(1)}: target attainment`, `${ko} 목표 달성률`) },
  { type: 'quantitative', name: ([zh, en, ko]) => T(`${zh}服務涵蓋率`, `${en[0]!.toUpperCase()}${en.slice(1)}: coverage`, `${ko} 서비스 이용률`) },
  { type: 'qualitative', name: ([zh, en, ko]) => T(`${zh}推動成效（質化）`, `${en[0]!.toUpperCase()}${en.slice(1)}: qualitative assessment`, `${ko} 추진 성과(정성평가)`) },
  { type: 'quantitative', name: ([zh, en, ko]) => T(`${zh}預算執行率`, `${en[0]!.toUpperCase()}${en.slice(1)}: budget execution`, `${ko} 예산 집행률`) },
];

function jointIndicators(): Framework['indicators'] {
  const indicators: Framework['indicators'] = [];
  for (const [gi, g] of jointGoals.entries()) {
    if (g.indicators > g.topics.length * measures.length) throw new Error(`${g.id}: ${g.indicators} indicators need more topics or measures`);
    for (let i = 0; i < g.indicators; i++) {
      // Topic by topic, one measure at a time, so each name is unique and names the goal's own policy areas.
      const topic = g.topics[i % g.topics.length]!;
      const measure = measures[Math.floor(i / g.topics.length)]!;
      indicators.push({
        code: `${gi + 1}-${String(i + 1).padStart(2, '0')}`,
        name: measure.name(topic),
        dimension: g.id,
        type: measure.type,
        ...(measure.type === 'quantitative' ? { unit: T('%', '%', '%') } : {}),
        higherIsBetter: true,
      });
    }
  }
  return indicators;
}

function jointFramework(year: number): Framework {
  return {
    year, total: 100, bonusMax: 0, indicators: jointIndicators(),
    dimensions: jointGoals.map((g) => ({ id: g.id, name: g.name, weight: g.weight, subCriteria: [] })),
    grading: {
      type: 'absolute',
      grades: [
        { grade: 'S', min: 90, label: T('卓越', 'Outstanding', '탁월') },
        { grade: 'A', min: 80, label: T('優良', 'Good', '우수') },
        { grade: 'B', min: 70, label: T('普通', 'Fair', '보통') },
        { grade: 'C', min: 0, label: T('待改善', 'Needs improvement', '미흡') },
      ],
    },
    claims: [
      cite('28–32', T('以 2024 年為例，聯合評估依六大國政目標（下分 23 項承諾、120 項國政課題）訂定 106 項指標；六大目標的名稱依來源報告註 4。', 'In 2024 the joint evaluation used 106 indicators derived from six national goals (with 23 commitments and 120 national tasks); the goals are named as in the source\'s footnote 4.', '2024년 합동평가는 6대 국정목표(23개 약속, 120개 국정과제)에 따른 106개 지표로 실시되었다. 6대 목표의 명칭은 출처 보고서 각주 4를 따른다.')),
      ...(year < 2024 ? [assume('joint-indicator-set', T(`${year} 年沿用 2024 年的六大目標與 106 項指標（來源報告說指標每三年修訂一次）。`, `${year} uses the six goals and 106 indicators of 2024 (the source says the indicators are revised every three years).`, `${year}년에도 2024년의 6대 목표와 106개 지표를 적용한다(출처 보고서에 따르면 지표는 3년마다 개정된다).`))] : []),
      assume('joint-indicators', T('各目標的指標數與每項指標的名稱。', 'How many indicators each goal has, and each indicator\'s name.', '목표별 지표 수와 각 지표의 명칭.')),
      assume('goal-score-share', T('目標得分＝該目標下達成指標的比例 × 100。', 'A goal\'s score is the share of its indicators achieved × 100.', '목표 점수 = 해당 목표 지표 중 달성한 지표의 비율 × 100.')),
      assume('joint-weights-scale', T('各目標配分（20、20、20、15、15、10）與等第 S、A、B、C 的門檻（90、80、70）。', 'The goal weights (20, 20, 20, 15, 15, 10) and the thresholds of grades S, A, B and C (90, 80, 70).', '목표별 배점(20·20·20·15·15·10점)과 S·A·B·C 등급 기준(90점, 80점, 70점).')),
    ],
  };
}

function publicFramework(year: number): Framework {
  return {
    year, total: 100, bonusMax: 0, indicators: [],
    dimensions: [
      { id: 'management', name: T('經營管理', 'Management', '경영관리'), weight: 50, subCriteria: [] },
      { id: 'core-business', name: T('主要事業', 'Core business', '주요사업'), weight: 50, subCriteria: [] },
    ],
    grading: {
      type: 'absolute',
      grades: [
        { grade: 'S', min: 90 }, { grade: 'A', min: 80 }, { grade: 'B', min: 70 },
        { grade: 'C', min: 60 }, { grade: 'D', min: 50 }, { grade: 'E', min: 0 },
      ],
    },
    claims: [
      assume('public-framework', T('經營管理 50、主要事業 50 兩個項目，以及 S 至 E 六級的門檻。', 'The two dimensions, management 50 and core business 50, and the six grades S to E with their thresholds.', '경영관리 50점·주요사업 50점의 두 부문과 S~E 6개 등급 및 기준점.')),
    ],
  };
}

export function demoSchemes(years: number[]): Scheme[] {
  return [
    {
      id: 'specific-evaluation',
      name: T('中央行政機關特定評估', 'Specific evaluation of central agencies', '중앙행정기관 특정평가'),
      shortName: T('特定評估', 'Specific evaluation', '특정평가'),
      description: T(
        '國務總理就總統重大國政之履行，對中央行政機關進行的由上而下綜合評估：評估項目與配分每年依國政基調調整，各項目再分次項目，以量化或質化方式評估，結果由政府績效評估委員會審查及決議。',
        'A top-down, comprehensive evaluation of central agencies by the Prime Minister on carrying out the President\'s major national policies. Dimensions and weights follow each year\'s policy priorities; each dimension has sub-criteria assessed quantitatively or qualitatively; the Government Performance Evaluation Committee reviews and decides the results.',
        '대통령의 주요 국정 이행을 두고 국무총리가 중앙행정기관을 위에서 아래로 종합 평가한다. 평가 부문과 배점은 매년 국정 기조에 따라 조정되고, 부문별 세부 항목을 정량·정성 방식으로 평가하며, 결과는 정부업무평가위원회가 심의·의결한다.',
      ),
      descriptionBasis: { source: SOURCE, pages: '18–22' },
      runBy: T('政府績效評估委員會（國務調整室）', 'Government Performance Evaluation Committee (Office for Government Policy Coordination)', '정부업무평가위원회(국무조정실)'),
      legalBasis: T('政府績效管理基本法', 'Framework Act on Government Performance Management', '정부업무평가 기본법'),
      appliesTo: ['central-ministerial', 'central-vice-ministerial'],
      claims: [cite('25', T('受評對象為 46 個中央行政機關：24 個部級、22 個副部級（表 5）。', 'It evaluates 46 central agencies: 24 ministerial and 22 vice-ministerial (table 5).', '평가 대상은 46개 중앙행정기관(장관급 24개, 차관급 22개)이다(표 5).'))],
      frameworks: years.map(specificFramework),
    },
    {
      id: 'joint-evaluation',
      name: T('地方自治團體聯合評估', 'Joint evaluation of local governments', '지방자치단체 합동평가'),
      shortName: T('聯合評估', 'Joint evaluation', '합동평가'),
      description: T(
        '由行政安全部負責，會同相關中央機關，評估 17 個廣域地方自治團體執行國家委任事務與國家重大政策的情形：前一年 10 月左右確定指標，次年 2 至 3 月評估，4 月公布結果，並對表現不佳的地區提供行政諮詢。',
        'Run by the Ministry of the Interior and Safety with the central agencies concerned: it evaluates how the 17 metropolitan and provincial governments carry out delegated national affairs and major national policies. Indicators are set around October of the year before, the evaluation runs in February–March, results are published in April, and regions that perform poorly are offered administrative consulting.',
        '행정안전부가 관계 중앙행정기관과 함께 17개 광역자치단체의 국가위임사무와 주요 국가정책 추진 상황을 평가한다. 전년도 10월경 지표를 확정하고, 2~3월에 평가하며, 4월에 결과를 공개하고, 실적이 부진한 지역에는 행정 컨설팅을 제공한다.',
      ),
      descriptionBasis: { source: SOURCE, pages: '28–32' },
      runBy: T('行政安全部（地方政府聯合評鑑委員會）', 'Ministry of the Interior and Safety (Joint Evaluation Committee for Local Governments)', '행정안전부(지방자치단체 합동평가위원회)'),
      legalBasis: T('政府績效管理基本法', 'Framework Act on Government Performance Management', '정부업무평가 기본법'),
      appliesTo: ['local-metropolitan', 'local-provincial'],
      claims: [assume('joint-yearly', T('聯合評估每年辦理一次，指標每 3 年修訂（本站對來源報告「每 3 年辦理一次」的解讀）。', 'The joint evaluation runs every year and its indicators are revised every three years (this site\'s reading of the source\'s "conducted once every 3 years").', '합동평가는 매년 실시되고 지표는 3년마다 개정된다(출처 보고서의 「3년마다 1회 실시」에 대한 이 사이트의 해석).'))],
      frameworks: years.map(jointFramework),
    },
    {
      id: 'public-institution-evaluation',
      name: T('公共機構經營評估', 'Management evaluation of public institutions', '공공기관 경영실적 평가'),
      shortName: T('公共機構評估', 'Public institutions', '공공기관 경영평가'),
      description: T(
        '策略財政部負責公營企業與準政府組織等公共機構的績效評估，聘請教授、會計師等民間專家組成「管理評估小組」。',
        'The Ministry of Economy and Finance evaluates public institutions (public enterprises and quasi-governmental bodies), with a management evaluation panel of private experts such as professors and accountants.',
        '기획재정부가 공기업과 준정부기관 등 공공기관의 경영실적을 평가하며, 교수·회계사 등 민간 전문가로 경영평가단을 구성한다.',
      ),
      descriptionBasis: { source: SOURCE, pages: '23–27' },
      runBy: T('策略財政部', 'Ministry of Economy and Finance', '기획재정부'),
      appliesTo: ['public-enterprise', 'public-quasi-governmental'],
      claims: [cite('23–27', T('策略財政部負責 32 個公營企業及 55 個準政府組織的績效評估。', 'The Ministry of Economy and Finance evaluates 32 public enterprises and 55 quasi-governmental bodies.', '기획재정부는 32개 공기업과 55개 준정부기관의 경영실적을 평가한다.'))],
      frameworks: years.map(publicFramework),
    },
  ];
}

/** Results the source states: the demo's invented scores are fitted so these grades hold. */
export const knownResults: { scheme: string; year: number; body: string; grade: string; remarks: Text }[] = [
  {
    scheme: 'specific-evaluation', year: 2023, body: 'moef', grade: 'A',
    remarks: T('A 級取自國發會考察報告（頁 13–16）；各項分數為示範。', 'The A grade is from the NDC study-tour report (pp. 13–16); the scores are demo values.', 'A등급은 대만 국가발전위원회 시찰 보고서(13~16쪽)에 따른 것이며, 점수는 예시 값이다.'),
  },
];
