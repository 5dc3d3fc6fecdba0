// Evaluation schemes of the demo government. Dimensions, weights, sub-criterion shares and the
// bonus of the specific evaluation (2022–2024) and the joint evaluation's 6 goals / 106
// indicators come from the seed report; anything the report does not state is marked as a demo
// assumption in the framework's `changes` text. Korean uses the terms of the Korean system itself
// (특정평가, 합동평가, 규제혁신, 적극행정 …); invented parts say 예시, as everywhere in the demo.
import type { Framework, Scheme } from '../../src/schemas/scheme.ts';
import { topics } from './bodies.ts';

const T = (zh: string, en: string, ko: string) => ({ 'zh-Hant': zh, en, ko });

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
const relativeSAB = {
  type: 'relative' as const,
  grades: [
    { grade: 'S', share: 30, label: T('優秀', 'Excellent', '우수') },
    { grade: 'A', share: 50, label: T('普通', 'Average', '보통') },
    { grade: 'B', share: 20, label: T('待改善', 'Needs improvement', '미흡') },
  ],
};

function specificFramework(year: number): Framework {
  if (year >= 2024) {
    return {
      year, total: 100, bonusMax: 0, grading: relativeSAB, indicators: [],
      dimensions: [{ ...majorPolicy, weight: 45 }, { ...regulatory, weight: 15 }, governmentInnovation, { ...communication, weight: 15 }, coordination],
      changes: T(
        '2024 年新增「跨機關協調」面向，並取消積極行政加分。各面向配分為示範假設（來源報告未載明 2024 年配分）。',
        '2024 adds the cross-agency coordination dimension and drops the proactive-administration bonus. The 2024 weights are a demo assumption (the source report does not state them).',
        '2024년에는 「부처 간 협업」 부문을 신설하고 적극행정 가점을 폐지했다. 2024년 부문별 배점은 예시 가정이다(출처 보고서에 2024년 배점은 나와 있지 않음).',
      ),
    };
  }
  return {
    year, total: 100, bonusMax: 3, bonusName: T('積極行政', 'Proactive administration', '적극행정'), grading: relativeSAB, indicators: [],
    dimensions: [majorPolicy, regulatory, governmentInnovation, communication],
    changes: year === 2023
      ? T('2023 年：主要政策 50、監管革新 20、政府創新 10、政策溝通 20，另設積極行政加分 3 分（來源報告）。', '2023: major policy 50, regulatory innovation 20, government innovation 10, policy communication 20, plus a 3-point proactive-administration bonus (source report).', '2023년: 주요정책 50점, 규제혁신 20점, 정부혁신 10점, 정책소통 20점, 별도로 적극행정 가점 3점(출처 보고서).')
      : T('沿用 2023 年配分（示範假設；來源報告僅載明 2022–2023 年設有 3 分加分）。', 'Uses the 2023 weights (demo assumption; the source report states only that 2022–2023 had the 3-point bonus).', '2023년 배점을 그대로 적용함(예시 가정: 출처 보고서에는 2022~2023년에 3점 가점이 있었다는 내용만 있음).'),
  };
}

/** The six national goals of the joint evaluation, with how many of the 106 indicators each has. */
export const jointGoals: { id: string; zh: string; en: string; ko: string; weight: number; indicators: number }[] = [
  { id: 'goal-1', zh: '回歸常識的正直國家', en: 'A nation of common sense', ko: '상식이 회복된 반듯한 나라', weight: 15, indicators: 14 },
  { id: 'goal-2', zh: '民間引領、政府推動的活力經濟', en: 'A dynamic economy led by the private sector', ko: '민간이 끌고 정부가 미는 역동적 경제', weight: 20, indicators: 22 },
  { id: 'goal-3', zh: '溫暖同行、人人幸福的社會', en: 'A caring society where everyone is happy', ko: '따뜻한 동행, 모두가 행복한 사회', weight: 25, indicators: 30 },
  { id: 'goal-4', zh: '以自律與創意打造躍升基礎', en: 'A springboard built on autonomy and creativity', ko: '자율과 창의로 만드는 담대한 미래', weight: 15, indicators: 15 },
  { id: 'goal-5', zh: '貢獻自由和平繁榮的全球樞紐國家', en: 'A global pivotal state for freedom, peace and prosperity', ko: '자유, 평화, 번영에 기여하는 글로벌 중추국가', weight: 5, indicators: 5 },
  { id: 'goal-6', zh: '處處宜居的地方時代', en: 'An era of regions where life is good everywhere', ko: '대한민국 어디서나 살기 좋은 지방시대', weight: 20, indicators: 20 },
];

function jointFramework(year: number): Framework {
  const indicators: Framework['indicators'] = [];
  let t = 0;
  for (const [gi, g] of jointGoals.entries()) {
    for (let i = 1; i <= g.indicators; i++) {
      const [zh, en, ko] = topics[t++ % topics.length]!;
      const quantitative = i % 4 !== 0;
      indicators.push({
        code: `${gi + 1}-${String(i).padStart(2, '0')}`,
        name: quantitative
          ? T(`${zh}目標達成率`, `${en}: target attainment`, `${ko} 목표 달성률`)
          : T(`${zh}推動成效（質化）`, `${en}: qualitative assessment`, `${ko} 추진 성과(정성평가)`),
        dimension: g.id,
        type: quantitative ? 'quantitative' : 'qualitative',
        ...(quantitative ? { unit: T('%', '%', '%') } : {}),
        higherIsBetter: true,
      });
    }
  }
  return {
    year, total: 100, bonusMax: 0, indicators,
    dimensions: jointGoals.map((g) => ({ id: g.id, name: T(g.zh, g.en, g.ko), weight: g.weight, subCriteria: [] })),
    grading: {
      type: 'absolute',
      grades: [
        { grade: 'S', min: 90, label: T('卓越', 'Outstanding', '탁월') },
        { grade: 'A', min: 80, label: T('優良', 'Good', '우수') },
        { grade: 'B', min: 70, label: T('普通', 'Fair', '보통') },
        { grade: 'C', min: 0, label: T('待改善', 'Needs improvement', '미흡') },
      ],
    },
    changes: T(
      '六大國政目標、106 項指標（來源報告，以 2024 年為例）。面向得分為該目標下達成指標之百分比；各目標配分與評等門檻為示範假設。',
      'Six national goals and 106 indicators (source report, 2024). A goal score is the share of its indicators achieved; goal weights and grade thresholds are demo assumptions.',
      '6대 국정목표, 106개 지표(출처 보고서, 2024년 기준). 목표별 점수는 해당 목표에 속한 지표 중 달성한 지표의 비율이며, 목표별 배점과 등급 기준점은 예시 가정이다.',
    ),
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
    changes: T('示範架構：來源報告僅提及策略財政部監督公共機構，未載明評估配分。', 'Demo framework: the source report only says the finance ministry oversees public institutions; it gives no weights.', '예시 평가체계: 출처 보고서에는 기획재정부가 공공기관을 관리·감독한다는 내용만 있고 평가 배점은 나와 있지 않다.'),
  };
}

export function demoSchemes(years: number[]): Scheme[] {
  return [
    {
      id: 'specific-evaluation',
      name: T('中央行政機關特定評估', 'Specific evaluation of central agencies', '중앙행정기관 특정평가'),
      shortName: T('特定評估', 'Specific evaluation', '특정평가'),
      description: T(
        '對中央行政機關的綜合評估：依年度國政基調訂定評估項目與配分，各項目再分次項目，以量化與質化方式評估，結果由政府績效評估委員會審議決定。',
        'A comprehensive evaluation of central government agencies. Dimensions and weights follow each year\'s policy priorities; each dimension has sub-criteria assessed quantitatively or qualitatively; the Government Performance Evaluation Committee reviews and decides the results.',
        '중앙행정기관에 대한 종합 평가: 매년 국정 기조에 따라 평가 부문과 배점을 정하고, 부문별 세부 항목을 정량·정성 방식으로 평가하며, 결과는 정부업무평가위원회가 심의·의결한다.',
      ),
      runBy: T('政府績效評估委員會（國務調整室）', 'Government Performance Evaluation Committee (Office for Government Policy Coordination)', '정부업무평가위원회(국무조정실)'),
      legalBasis: T('政府績效管理基本法', 'Framework Act on Government Performance Management', '정부업무평가 기본법'),
      appliesTo: ['central-ministerial', 'central-vice-ministerial'],
      frameworks: years.map(specificFramework),
    },
    {
      id: 'joint-evaluation',
      name: T('地方自治團體聯合評估', 'Joint evaluation of local governments', '지방자치단체 합동평가'),
      shortName: T('聯合評估', 'Joint evaluation', '합동평가'),
      description: T(
        '由行政安全部主導，依國政目標與國政課題訂定評估指標，評估 17 個廣域地方自治團體執行國家委辦與補助事務的成效。',
        'Led by the Ministry of the Interior and Safety: indicators derived from the national goals and tasks measure how the 17 metropolitan and provincial governments carry out delegated and subsidised national programs.',
        '행정안전부 주관으로 국정목표와 국정과제에서 도출한 평가지표에 따라 17개 광역자치단체의 국가위임사무와 국고보조사업 추진 성과를 평가한다.',
      ),
      runBy: T('行政安全部（聯合評估委員會）', 'Ministry of the Interior and Safety (Joint Evaluation Committee)', '행정안전부(합동평가위원회)'),
      legalBasis: T('政府績效管理基本法', 'Framework Act on Government Performance Management', '정부업무평가 기본법'),
      appliesTo: ['local-metropolitan', 'local-provincial'],
      frameworks: years.map(jointFramework),
    },
    {
      id: 'public-institution-evaluation',
      name: T('公共機構經營評估', 'Management evaluation of public institutions', '공공기관 경영실적 평가'),
      shortName: T('公共機構評估', 'Public institutions', '공공기관 경영평가'),
      description: T('對公營企業與準政府機關的年度經營評估（示範）。', 'Annual management evaluation of public enterprises and quasi-governmental institutions (demo).', '공기업과 준정부기관에 대한 연도별 경영평가(예시).'),
      runBy: T('策略財政部', 'Ministry of Economy and Finance', '기획재정부'),
      appliesTo: ['public-enterprise', 'public-quasi-governmental'],
      frameworks: years.map(publicFramework),
    },
  ];
}
