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
} as const;

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
};
