// Evaluation schemes of the demo government. Dimensions, weights, sub-criterion shares and the
// bonus of the specific evaluation (2022–2024) and the joint evaluation's 6 goals / 106
// indicators come from the seed report; anything the report does not state is marked as a demo
// assumption in the framework's `changes` text.
import type { Framework, Scheme } from '../../src/schemas/scheme.ts';
import { topics } from './bodies.ts';

const T = (zh: string, en: string) => ({ 'zh-Hant': zh, en });

const majorPolicy = {
  id: 'major-policy', name: T('主要政策', 'Major policy'), weight: 50,
  subCriteria: [
    { id: 'implementation', name: T('落實度', 'Implementation'), weight: 15 },
    { id: 'goal-achievement', name: T('目標達成情形', 'Goal achievement'), weight: 30 },
    { id: 'effectiveness', name: T('政策有效性', 'Policy effectiveness'), weight: 45 },
    { id: 'satisfaction', name: T('公眾滿意度', 'Public satisfaction'), weight: 10 },
  ],
};
const regulatory = {
  id: 'regulatory-innovation', name: T('監管革新', 'Regulatory innovation'), weight: 20,
  subCriteria: [
    { id: 'key-areas', name: T('重點領域監理完善', 'Key-area regulatory reform'), weight: 55 },
    { id: 'quality', name: T('監理品質管理', 'Regulatory quality management'), weight: 25 },
    { id: 'communication', name: T('監理創新溝通與認知', 'Communication and awareness of reform'), weight: 20 },
  ],
};
const governmentInnovation = {
  id: 'government-innovation', name: T('政府創新', 'Government innovation'), weight: 10,
  subCriteria: [
    { id: 'capacity', name: T('創新能力', 'Innovation capacity'), weight: 15 },
    { id: 'performance', name: T('創新績效', 'Innovation performance'), weight: 65 },
    { id: 'livelihoods', name: T('改善民生情形', 'Improvement of livelihoods'), weight: 10 },
    { id: 'favourability', name: T('國民好感度', 'Public favourability'), weight: 10 },
  ],
};
const communication = {
  id: 'policy-communication', name: T('政策溝通', 'Policy communication'), weight: 20,
  assessedBy: T('文化體育觀光部參與評估', 'Assessed with the Ministry of Culture, Sports and Tourism'),
  subCriteria: [
    { id: 'activities', name: T('政策溝通活動', 'Communication activities'), weight: 15 },
    { id: 'performance', name: T('政策溝通績效', 'Communication performance'), weight: 70 },
    { id: 'satisfaction', name: T('溝通滿意度', 'Communication satisfaction'), weight: 10 },
    { id: 'reach', name: T('行銷擴散度', 'Reach'), weight: 5 },
  ],
};
const coordination = {
  id: 'cross-agency-coordination', name: T('跨機關協調', 'Cross-agency coordination'), weight: 15,
  subCriteria: [
    { id: 'effort', name: T('協作努力', 'Collaborative effort'), weight: 40 },
    { id: 'performance', name: T('協作績效', 'Collaborative performance'), weight: 50 },
    { id: 'satisfaction', name: T('公眾滿意度', 'Public satisfaction'), weight: 10 },
  ],
};
const relativeSAB = {
  type: 'relative' as const,
  grades: [
    { grade: 'S', share: 30, label: T('優秀', 'Excellent') },
    { grade: 'A', share: 50, label: T('普通', 'Average') },
    { grade: 'B', share: 20, label: T('待改善', 'Needs improvement') },
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
      ),
    };
  }
  return {
    year, total: 100, bonusMax: 3, bonusName: T('積極行政', 'Proactive administration'), grading: relativeSAB, indicators: [],
    dimensions: [majorPolicy, regulatory, governmentInnovation, communication],
    changes: year === 2023
      ? T('2023 年：主要政策 50、監管革新 20、政府創新 10、政策溝通 20，另設積極行政加分 3 分（來源報告）。', '2023: major policy 50, regulatory innovation 20, government innovation 10, policy communication 20, plus a 3-point proactive-administration bonus (source report).')
      : T('沿用 2023 年配分（示範假設；來源報告僅載明 2022–2023 年設有 3 分加分）。', 'Uses the 2023 weights (demo assumption; the source report states only that 2022–2023 had the 3-point bonus).'),
  };
}

/** The six national goals of the joint evaluation, with how many of the 106 indicators each has. */
export const jointGoals: { id: string; zh: string; en: string; weight: number; indicators: number }[] = [
  { id: 'goal-1', zh: '回歸常識的正直國家', en: 'A nation of common sense', weight: 15, indicators: 14 },
  { id: 'goal-2', zh: '民間引領、政府推動的活力經濟', en: 'A dynamic economy led by the private sector', weight: 20, indicators: 22 },
  { id: 'goal-3', zh: '溫暖同行、人人幸福的社會', en: 'A caring society where everyone is happy', weight: 25, indicators: 30 },
  { id: 'goal-4', zh: '以自律與創意打造躍升基礎', en: 'A springboard built on autonomy and creativity', weight: 15, indicators: 15 },
  { id: 'goal-5', zh: '貢獻自由和平繁榮的全球樞紐國家', en: 'A global pivotal state for freedom, peace and prosperity', weight: 5, indicators: 5 },
  { id: 'goal-6', zh: '處處宜居的地方時代', en: 'An era of regions where life is good everywhere', weight: 20, indicators: 20 },
];

function jointFramework(year: number): Framework {
  const indicators: Framework['indicators'] = [];
  let t = 0;
  for (const [gi, g] of jointGoals.entries()) {
    for (let i = 1; i <= g.indicators; i++) {
      const [zh, en] = topics[t++ % topics.length]!;
      const quantitative = i % 4 !== 0;
      indicators.push({
        code: `${gi + 1}-${String(i).padStart(2, '0')}`,
        name: quantitative ? T(`${zh}目標達成率`, `${en}: target attainment`) : T(`${zh}推動成效（質化）`, `${en}: qualitative assessment`),
        dimension: g.id,
        type: quantitative ? 'quantitative' : 'qualitative',
        ...(quantitative ? { unit: T('%', '%') } : {}),
        higherIsBetter: true,
      });
    }
  }
  return {
    year, total: 100, bonusMax: 0, indicators,
    dimensions: jointGoals.map((g) => ({ id: g.id, name: T(g.zh, g.en), weight: g.weight, subCriteria: [] })),
    grading: {
      type: 'absolute',
      grades: [
        { grade: 'S', min: 90, label: T('卓越', 'Outstanding') },
        { grade: 'A', min: 80, label: T('優良', 'Good') },
        { grade: 'B', min: 70, label: T('普通', 'Fair') },
        { grade: 'C', min: 0, label: T('待改善', 'Needs improvement') },
      ],
    },
    changes: T(
      '六大國政目標、106 項指標（來源報告，以 2024 年為例）。面向得分為該目標下達成指標之百分比；各目標配分與評等門檻為示範假設。',
      'Six national goals and 106 indicators (source report, 2024). A goal score is the share of its indicators achieved; goal weights and grade thresholds are demo assumptions.',
    ),
  };
}

function publicFramework(year: number): Framework {
  return {
    year, total: 100, bonusMax: 0, indicators: [],
    dimensions: [
      { id: 'management', name: T('經營管理', 'Management'), weight: 50, subCriteria: [] },
      { id: 'core-business', name: T('主要事業', 'Core business'), weight: 50, subCriteria: [] },
    ],
    grading: {
      type: 'absolute',
      grades: [
        { grade: 'S', min: 90 }, { grade: 'A', min: 80 }, { grade: 'B', min: 70 },
        { grade: 'C', min: 60 }, { grade: 'D', min: 50 }, { grade: 'E', min: 0 },
      ],
    },
    changes: T('示範架構：來源報告僅提及策略財政部監督公共機構，未載明評估配分。', 'Demo framework: the source report only says the finance ministry oversees public institutions; it gives no weights.'),
  };
}

export function demoSchemes(years: number[]): Scheme[] {
  return [
    {
      id: 'specific-evaluation',
      name: T('中央行政機關特定評估', 'Specific evaluation of central agencies'),
      shortName: T('特定評估', 'Specific evaluation'),
      description: T(
        '對中央行政機關的綜合評估：依年度國政基調訂定評估項目與配分，各項目再分次項目，以量化與質化方式評估，結果由政府績效評估委員會審議決定。',
        'A comprehensive evaluation of central government agencies. Dimensions and weights follow each year\'s policy priorities; each dimension has sub-criteria assessed quantitatively or qualitatively; the Government Performance Evaluation Committee reviews and decides the results.',
      ),
      runBy: T('政府績效評估委員會（國務調整室）', 'Government Performance Evaluation Committee (Office for Government Policy Coordination)'),
      legalBasis: T('政府績效管理基本法', 'Framework Act on Government Performance Management'),
      appliesTo: ['central-ministerial', 'central-vice-ministerial'],
      frameworks: years.map(specificFramework),
    },
    {
      id: 'joint-evaluation',
      name: T('地方自治團體聯合評估', 'Joint evaluation of local governments'),
      shortName: T('聯合評估', 'Joint evaluation'),
      description: T(
        '由行政安全部主導，依國政目標與國政課題訂定評估指標，評估 17 個廣域地方自治團體執行國家委辦與補助事務的成效。',
        'Led by the Ministry of the Interior and Safety: indicators derived from the national goals and tasks measure how the 17 metropolitan and provincial governments carry out delegated and subsidised national programs.',
      ),
      runBy: T('行政安全部（聯合評估委員會）', 'Ministry of the Interior and Safety (Joint Evaluation Committee)'),
      legalBasis: T('政府績效管理基本法', 'Framework Act on Government Performance Management'),
      appliesTo: ['local-metropolitan', 'local-provincial'],
      frameworks: years.map(jointFramework),
    },
    {
      id: 'public-institution-evaluation',
      name: T('公共機構經營評估', 'Management evaluation of public institutions'),
      shortName: T('公共機構評估', 'Public institutions'),
      description: T('對公營企業與準政府機關的年度經營評估（示範）。', 'Annual management evaluation of public enterprises and quasi-governmental institutions (demo).'),
      runBy: T('策略財政部', 'Ministry of Economy and Finance'),
      appliesTo: ['public-enterprise', 'public-quasi-governmental'],
      frameworks: years.map(publicFramework),
    },
  ];
}
