/**
 * The national defaults: the one place where the regulatory numbers live. Every tenant starts
 * with this document as standards version 1; an edit makes a new version (see the standards
 * module), never a change here. Each number carries its source beside it.
 */
import type { StandardsDocument } from './types.js';

const YUAN_WAN = 10_000; // 1 万元
const YUAN_YI = 100_000_000; // 1 亿元

export const BASIS = {
  hazardGrade:
    '《安全生产事故隐患排查治理暂行规定》（原国家安全生产监督管理总局令第16号）第三条；' +
    '本单位统一定义：可能导致1人以上死亡或50万元以上直接经济损失的为重大隐患',
  lec: '作业条件危险性评价法（LEC，Graham–Kinney）：D = L × E × C，国内安全评价通行取值与分级',
  ls: '风险矩阵法（LS）：R = L × S（GB/T 27921-2011《风险管理 风险评估技术》风险矩阵），默认分级按双重预防机制建设通行做法，可按本单位调整',
  fourColours: '《关于实施遏制重特大事故工作指南构建双重预防机制的意见》（安委办〔2016〕11号）：重大、较大、一般、低风险分别以红、橙、黄、蓝标示',
  accidentLevels: '《生产安全事故报告和调查处理条例》（国务院令第493号）第三条（“以上”含本数，“以下”不含本数）',
  weatherLevels: '《气象灾害预警信号发布与传播办法》（中国气象局令第16号）第四条：Ⅳ级蓝色、Ⅲ级黄色、Ⅱ级橙色、Ⅰ级红色',
  specialEquipment:
    '《中华人民共和国特种设备安全法》第四十条：使用单位应当在检验合格有效期届满前一个月向特种设备检验机构提出定期检验要求；' +
    '检验周期按各类特种设备的安全技术规范（TSG）',
  hazardTypes:
    '本单位隐患分类（参照GB 6441-1986《企业职工伤亡事故分类》和GB/T 13861-2022《生产过程危险和有害因素分类与代码》归并），' +
    '用于检查专项和检查频次调整，可按本单位调整',
  areaChecks:
    '《关于实施遏制重特大事故工作指南构建双重预防机制的意见》（安委办〔2016〕11号）：风险分级管控，逐一落实企业、车间、班组和岗位的管控责任；' +
    '各层级排查频次参照《危险化学品企业安全风险隐患排查治理导则》（应急〔2019〕78号），本单位可调整；' +
    '同类隐患连续出现时加密检查、连续无隐患后恢复，按本单位统一规定',
  trainingHours: '《生产经营单位安全培训规定》（原国家安全监管总局令第3号）第九条、第十三条',
  certificates:
    '《特种作业人员安全技术培训考核管理规定》（原国家安全监管总局令第30号）第十九条：特种作业操作证有效期为6年；' +
    '第二十一条：每3年复审1次，连续从事本工种10年以上、严格遵守安全生产法律法规的，经考核发证机关同意可延长至每6年1次；' +
    '第二十二条：应当在期满前60日内提出复审申请',
  accidentReporting:
    '《生产安全事故报告和调查处理条例》（国务院令第493号）第九条（单位负责人1小时内报告县级以上安全生产监督管理部门）、' +
    '第十条（一般事故上报至设区的市级，较大事故至省级，重大、特别重大事故至国务院安全生产监督管理部门）、' +
    '第十一条（每级上报时间不得超过2小时）、第十三条（30日内伤亡人数变化及时补报；道路交通事故、火灾事故7日内）',
} as const;

/** The TSG rules behind each inspection interval. */
const TSG = {
  elevator: 'TSG T7001《电梯监督检验和定期检验规则》：定期检验周期为1年',
  craneYearly: 'TSG Q7015-2016《起重机械定期检验规则》第2.4条：塔式起重机、升降机、流动式起重机每年1次',
  craneTwoYears: 'TSG Q7015-2016《起重机械定期检验规则》第2.4条：桥式起重机、门式起重机等每2年1次',
  moltenMetal: 'TSG Q7015-2016《起重机械定期检验规则》第2.4条：吊运熔融金属和炽热金属的起重机每年1次',
  boilerExternal: 'TSG 11-2020《锅炉安全技术规程》：锅炉外部检验每年1次',
  boilerInternal: 'TSG 11-2020《锅炉安全技术规程》：锅炉内部检验一般每2年1次',
  pressureVessel: 'TSG 21-2016《固定式压力容器安全技术监察规程》第8.1.6条：检验周期按安全状况等级确定',
  forklift: 'TSG N0001-2017《场（厂）内专用机动车辆安全技术规程》：定期检验周期为1年',
} as const;

const TRAINING_ART9 = '《生产经营单位安全培训规定》（原国家安全监管总局令第3号）第九条';
const TRAINING_ART13 = '《生产经营单位安全培训规定》（原国家安全监管总局令第3号）第十三条';
/** 第九条、第十三条: 煤矿、非煤矿山、危险化学品、烟花爆竹、金属冶炼等生产经营单位. */
const HIGH_RISK = '煤矿、非煤矿山、危险化学品、烟花爆竹、金属冶炼等高危行业';

export const DEFAULT_STANDARDS: StandardsDocument = {
  hazardGrade: {
    basis: BASIS.hazardGrade,
    // 原安监总局令第16号 Art. 3: 事故隐患分为一般事故隐患和重大事故隐患
    levels: [
      { level: 'major', label: '重大隐患', color: 'red' },
      { level: 'general', label: '一般隐患', color: 'yellow' },
    ],
    // The seed's unified definition of 重大隐患: "可能导致死亡1人以上或直接经济损失50万元以上"
    major: { minDeaths: 1, minDirectLossYuan: 50 * YUAN_WAN },
  },

  lec: {
    basis: BASIS.lec,
    // L: likelihood of an accident (Graham–Kinney L scale)
    l: [
      { value: 10, label: '完全可以预料' },
      { value: 6, label: '相当可能' },
      { value: 3, label: '可能，但不经常' },
      { value: 1, label: '可能性小，完全意外' },
      { value: 0.5, label: '很不可能，可以设想' },
      { value: 0.2, label: '极不可能' },
      { value: 0.1, label: '实际不可能' },
    ],
    // E: frequency of exposure (Graham–Kinney E scale)
    e: [
      { value: 10, label: '连续暴露' },
      { value: 6, label: '每天工作时间内暴露' },
      { value: 3, label: '每周一次或偶然暴露' },
      { value: 2, label: '每月一次暴露' },
      { value: 1, label: '每年几次暴露' },
      { value: 0.5, label: '非常罕见地暴露' },
    ],
    // C: consequence (Graham–Kinney C scale)
    c: [
      { value: 100, label: '大灾难，许多人死亡' },
      { value: 40, label: '灾难，数人死亡' },
      { value: 15, label: '非常严重，一人死亡' },
      { value: 7, label: '严重，重伤' },
      { value: 3, label: '重大，致残' },
      { value: 1, label: '引人注目，需要救护' },
    ],
    // D bands (LEC 危险性分级), highest first: D > 320 / 160 < D ≤ 320 / 70 < D ≤ 160 / 20 < D ≤ 70 / D ≤ 20
    bands: [
      { level: 'extreme', label: '极其危险', color: 'red', riskLevel: 'major', gt: 320, lte: null }, // 不能继续作业
      { level: 'high', label: '高度危险', color: 'orange', riskLevel: 'significant', gt: 160, lte: 320 }, // 需立即整改
      { level: 'significant', label: '显著危险', color: 'yellow', riskLevel: 'general', gt: 70, lte: 160 }, // 需要整改
      { level: 'possible', label: '一般危险', color: 'blue', riskLevel: 'low', gt: 20, lte: 70 }, // 需要注意
      { level: 'slight', label: '稍有危险', color: 'blue', riskLevel: 'low', gt: null, lte: 20 }, // 可以接受
    ],
  },

  ls: {
    basis: BASIS.ls,
    // L: likelihood 1–5 (风险矩阵法)
    l: [
      { value: 1, label: '极不可能' },
      { value: 2, label: '不太可能' },
      { value: 3, label: '可能' },
      { value: 4, label: '很可能' },
      { value: 5, label: '极有可能' },
    ],
    // S: severity 1–5 (风险矩阵法)
    s: [
      { value: 1, label: '轻微（无伤害，损失极小）' },
      { value: 2, label: '较轻（轻伤，损失较小）' },
      { value: 3, label: '一般（重伤，损失一般）' },
      { value: 4, label: '严重（1–2人死亡，损失较大）' },
      { value: 5, label: '灾难性（3人以上死亡，损失重大）' },
    ],
    // R = L × S bands (default, tenant-configurable): 20–25 重大 / 15–16 较大 / 9–12 一般 / 1–8 低
    bands: [
      { level: 'major', min: 20, max: 25 },
      { level: 'significant', min: 15, max: 16 },
      { level: 'general', min: 9, max: 12 },
      { level: 'low', min: 1, max: 8 },
    ],
  },

  fourColours: {
    basis: BASIS.fourColours,
    // 安委办〔2016〕11号: 重大风险 红 / 较大风险 橙 / 一般风险 黄 / 低风险 蓝
    levels: [
      { level: 'major', label: '重大风险', color: 'red' },
      { level: 'significant', label: '较大风险', color: 'orange' },
      { level: 'general', label: '一般风险', color: 'yellow' },
      { level: 'low', label: '低风险', color: 'blue' },
    ],
  },

  accidentLevels: {
    basis: BASIS.accidentLevels,
    levels: [
      // 国务院令第493号 Art. 3(1): 30人以上死亡，或者100人以上重伤，或者1亿元以上直接经济损失
      { level: 'especially_major', label: '特别重大', color: 'red', minDeaths: 30, minSeriousInjuries: 100, minDirectLossYuan: 1 * YUAN_YI },
      // Art. 3(2): 10人以上30人以下死亡，或者50人以上100人以下重伤，或者5000万元以上1亿元以下
      { level: 'major', label: '重大', color: 'orange', minDeaths: 10, minSeriousInjuries: 50, minDirectLossYuan: 5000 * YUAN_WAN },
      // Art. 3(3): 3人以上10人以下死亡，或者10人以上50人以下重伤，或者1000万元以上5000万元以下
      { level: 'larger', label: '较大', color: 'yellow', minDeaths: 3, minSeriousInjuries: 10, minDirectLossYuan: 1000 * YUAN_WAN },
      // Art. 3(4): 3人以下死亡，或者10人以下重伤，或者1000万元以下直接经济损失
      { level: 'general', label: '一般', color: 'blue', minDeaths: 0, minSeriousInjuries: 0, minDirectLossYuan: 0 },
    ],
  },

  weatherLevels: {
    basis: BASIS.weatherLevels,
    // 中国气象局令第16号 Art. 4: Ⅰ级（特别严重）红、Ⅱ级（严重）橙、Ⅲ级（较重）黄、Ⅳ级（一般）蓝
    levels: [
      { level: 'I', label: 'Ⅰ级', color: 'red' },
      { level: 'II', label: 'Ⅱ级', color: 'orange' },
      { level: 'III', label: 'Ⅲ级', color: 'yellow' },
      { level: 'IV', label: 'Ⅳ级', color: 'blue' },
    ],
  },

  specialEquipment: {
    basis: BASIS.specialEquipment,
    // 特种设备安全法 Art. 40: 在检验合格有效期届满前一个月向特种设备检验机构提出定期检验要求
    applyMonthsBefore: 1,
    // The tenant's lead time before that last day (the seed's "提前 30 天" is about 15 + one month)
    remindDaysBefore: 15,
    intervals: [
      { type: 'elevator', label: '电梯', intervalMonths: 12, basis: TSG.elevator },
      { type: 'tower_crane', label: '塔式起重机', intervalMonths: 12, basis: TSG.craneYearly },
      { type: 'mobile_crane', label: '流动式起重机', intervalMonths: 12, basis: TSG.craneYearly },
      { type: 'hoist', label: '施工升降机', intervalMonths: 12, basis: TSG.craneYearly },
      { type: 'bridge_crane', label: '桥式起重机', intervalMonths: 24, basis: TSG.craneTwoYears },
      { type: 'gantry_crane', label: '门式起重机', intervalMonths: 24, basis: TSG.craneTwoYears },
      { type: 'molten_metal_crane', label: '吊运熔融金属的起重机', intervalMonths: 12, basis: TSG.moltenMetal },
      { type: 'boiler_external', label: '锅炉（外部检验）', intervalMonths: 12, basis: TSG.boilerExternal },
      { type: 'boiler_internal', label: '锅炉（内部检验）', intervalMonths: 24, basis: TSG.boilerInternal },
      { type: 'pressure_vessel', label: '固定式压力容器', intervalMonths: null, basis: TSG.pressureVessel },
      { type: 'forklift', label: '场（厂）内专用机动车辆（叉车）', intervalMonths: 12, basis: TSG.forklift },
    ],
    // TSG 21-2016 8.1.6: 1、2级一般每6年一次；3级一般3至6年一次（取下限3年）；4级监控使用；5级不得继续使用
    pressureVesselGrades: [
      { grade: 1, intervalMonths: 72, note: '安全状况等级1级：一般每6年检验一次' },
      { grade: 2, intervalMonths: 72, note: '安全状况等级2级：一般每6年检验一次' },
      { grade: 3, intervalMonths: 36, note: '安全状况等级3级：一般每3年至6年检验一次，取下限3年' },
      { grade: 4, intervalMonths: null, note: '安全状况等级4级：监控使用，检验周期由检验机构确定' },
      { grade: 5, intervalMonths: null, note: '安全状况等级5级：应当对缺陷进行处理，否则不得继续使用' },
    ],
  },

  hazardTypes: {
    basis: BASIS.hazardTypes,
    // Order matters only on a tie: the more specific types come first.
    types: [
      {
        type: 'special_equipment',
        label: '特种设备',
        keywords: ['特种设备', '电梯', '起重', '行车', '天车', '吊车', '塔吊', '叉车', '锅炉', '压力容器', '储气罐', '气瓶', '压力管道', '安全阀', '钢丝绳', '吊钩'],
      },
      {
        type: 'electrical',
        label: '电气',
        keywords: ['电气', '电线', '电缆', '配电', '电箱', '漏电', '触电', '短路', '插座', '插头', '开关', '接地', '绝缘', '线路', '私拉乱接', '电源'],
      },
      {
        type: 'fire',
        label: '消防',
        keywords: ['消防', '灭火器', '消火栓', '喷淋', '烟感', '火灾', '着火', '明火', '动火', '疏散', '安全出口', '应急照明', '防火门', '易燃'],
      },
      {
        type: 'chemical',
        label: '化学品',
        keywords: ['化学品', '危化品', '危险化学品', '泄漏', '试剂', '溶剂', '油漆', '稀释剂', '酸', '碱', 'MSDS', '储罐', '腐蚀'],
      },
      {
        type: 'work_at_height',
        label: '高处作业',
        keywords: ['高处', '登高', '脚手架', '梯子', '安全带', '护栏', '临边', '洞口', '坠落', '屋顶'],
      },
      {
        type: 'confined_space',
        label: '有限空间',
        keywords: ['有限空间', '受限空间', '地下室', '窨井', '污水井', '罐内', '通风不良', '缺氧', '硫化氢'],
      },
      {
        type: 'mechanical',
        label: '机械',
        keywords: ['机械', '机床', '冲床', '冲压', '传动', '皮带', '齿轮', '防护罩', '轴承', '卷入', '夹伤', '急停', '设备异响', '异响', '振动'],
      },
      {
        type: 'occupational_health',
        label: '职业卫生',
        keywords: ['职业卫生', '职业病', '粉尘', '噪声', '噪音', '高温', '毒物', '防尘口罩', '耳塞', '劳保', '通风'],
      },
      {
        type: 'environmental',
        label: '环境',
        keywords: ['环境', '环保', '废水', '废气', '废渣', '固废', '危废', '排放', '污染', '异味', '积水', '地面湿滑'],
      },
      { type: 'other', label: '其他', keywords: [] },
    ],
  },

  areaChecks: {
    basis: BASIS.areaChecks,
    // 安委办〔2016〕11号: the higher the risk, the higher the level that controls it; frequencies after 应急〔2019〕78号
    // (企业每季度、基层单位每月、车间每周、班组每日).
    levels: [
      { color: 'red', label: '公司级', frequency: 'quarterly' },
      { color: 'orange', label: '部门级', frequency: 'monthly' },
      { color: 'yellow', label: '车间级', frequency: 'weekly' },
      { color: 'blue', label: '班组级', frequency: 'daily' },
    ],
    // The seed: 某区域连续出现 2 次同类隐患后每两周一次并增加专项检查项；连续 3 个月无隐患则恢复每月一次
    sameTypeInARow: 2,
    cleanMonths: 3,
  },

  trainingHours: {
    basis: BASIS.trainingHours,
    rules: [
      // Art. 9: 主要负责人和安全生产管理人员初次安全培训时间不得少于32学时，每年再培训时间不得少于12学时
      { role: 'principal', highRisk: false, stage: 'initial', minHours: 32, basis: `${TRAINING_ART9}：主要负责人初次安全培训不少于32学时` },
      { role: 'principal', highRisk: false, stage: 'annual', minHours: 12, basis: `${TRAINING_ART9}：主要负责人每年再培训不少于12学时` },
      { role: 'safety_manager', highRisk: false, stage: 'initial', minHours: 32, basis: `${TRAINING_ART9}：安全生产管理人员初次安全培训不少于32学时` },
      { role: 'safety_manager', highRisk: false, stage: 'annual', minHours: 12, basis: `${TRAINING_ART9}：安全生产管理人员每年再培训不少于12学时` },
      // Art. 9: 高危行业 … 安全资格培训时间不得少于48学时，每年再培训时间不得少于16学时
      { role: 'principal', highRisk: true, stage: 'initial', minHours: 48, basis: `${TRAINING_ART9}：${HIGH_RISK}主要负责人安全资格培训不少于48学时` },
      { role: 'principal', highRisk: true, stage: 'annual', minHours: 16, basis: `${TRAINING_ART9}：${HIGH_RISK}主要负责人每年再培训不少于16学时` },
      { role: 'safety_manager', highRisk: true, stage: 'initial', minHours: 48, basis: `${TRAINING_ART9}：${HIGH_RISK}安全生产管理人员安全资格培训不少于48学时` },
      { role: 'safety_manager', highRisk: true, stage: 'annual', minHours: 16, basis: `${TRAINING_ART9}：${HIGH_RISK}安全生产管理人员每年再培训不少于16学时` },
      // Art. 13: 新上岗的从业人员，岗前安全培训时间不得少于24学时；高危行业不得少于72学时，每年再培训不得少于20学时
      { role: 'employee', highRisk: false, stage: 'initial', minHours: 24, basis: `${TRAINING_ART13}：新上岗从业人员岗前安全培训不少于24学时` },
      {
        role: 'employee',
        highRisk: false,
        stage: 'annual',
        minHours: null,
        basis: `${TRAINING_ART13}只规定了${HIGH_RISK}从业人员每年再培训不少于20学时；其他生产经营单位从业人员的年度再培训学时该规定未作规定，按本单位年度培训计划执行`,
      },
      { role: 'employee', highRisk: true, stage: 'initial', minHours: 72, basis: `${TRAINING_ART13}：${HIGH_RISK}新上岗从业人员安全培训不少于72学时` },
      { role: 'employee', highRisk: true, stage: 'annual', minHours: 20, basis: `${TRAINING_ART13}：${HIGH_RISK}从业人员每年再培训不少于20学时` },
    ],
  },

  certificates: {
    basis: BASIS.certificates,
    validity: [
      // 总局令第30号 Art. 19: 特种作业操作证有效期为6年
      { category: 'special_operation', years: 6, basis: '《特种作业人员安全技术培训考核管理规定》（原国家安全监管总局令第30号）第十九条：特种作业操作证有效期为6年' },
      // TSG Z6001-2019: 特种设备作业人员证有效期为4年
      { category: 'special_equipment', years: 4, basis: '《特种设备作业人员考核规则》（TSG Z6001-2019）：特种设备作业人员证有效期4年' },
      // the company's own 上岗证
      { category: 'internal', years: 3, basis: '本单位岗位上岗证有效期（《生产经营单位安全培训规定》要求经考核合格方可上岗，有效期由本单位规定）' },
    ],
    reviewEveryYears: 3, // Art. 21: 每3年复审1次
    exemptedReviewEveryYears: 6, // Art. 21: 经考核发证机关同意，复审时间可以延长至每6年1次
    reviewWindowDays: 60, // Art. 22: 在期满前60日内提出申请
    expiringSoonDays: 30, // the seed's "提前 30 天" reminder (本单位规定)
  },

  accidentReporting: {
    basis: BASIS.accidentReporting,
    // Art. 10: 县级、设区的市级、省级人民政府安全生产监督管理部门，国务院安全生产监督管理部门
    authorities: [
      { authority: 'county', label: '县级人民政府安全生产监督管理部门' },
      { authority: 'city', label: '设区的市级人民政府安全生产监督管理部门' },
      { authority: 'province', label: '省级人民政府安全生产监督管理部门' },
      { authority: 'state_council', label: '国务院安全生产监督管理部门' },
    ],
    firstReportHours: 1, // Art. 9: 单位负责人接到报告后，应当于1小时内报告
    perLevelHours: 2, // Art. 11: 每级上报的时间不得超过2小时
    // Art. 10: 一般事故 → 设区的市级；较大事故 → 省级；重大、特别重大事故 → 国务院安全生产监督管理部门
    reachesUpTo: { general: 'city', larger: 'province', major: 'state_council', especially_major: 'state_council' },
    // Art. 13: 自事故发生之日起30日内补报；道路交通事故、火灾事故自发生之日起7日内
    supplementDays: { other: 30, road_traffic: 7, fire: 7 },
  },
};
