/**
 * Which demo-history hazards are about their equipment itself (a fault to repair, operators to
 * check), judged by the title: the history attaches equipment of the area to many hazards that
 * are not about it ("消防通道堆放货物" next to a forklift). Used by the repair and qualification
 * demo data only; live reports always count.
 */
const FAULT_WORDS: Record<string, string[]> = {
  machine_tool: ['机床', '车床', '卡盘', '砂轮', '防护罩', '急停', '接地'],
  press: ['压力机', '光电', '冲压'],
  crane: ['起重机', '钢丝绳', '限位器', '行车'],
  forklift: ['叉车'],
  boiler: ['锅炉', '安全阀', '压力表', '水位计', '司炉'],
  welding: ['焊机', '焊接', '挡光'],
  electrical: ['配电', '变压器', '绝缘', '电缆', '接线'],
  ventilation: ['排风', '风机'],
  painting: ['喷涂', '喷漆'],
  compressor: ['空压机', '皮带'],
  pressure_vessel: ['储气罐', '安全阀', '压力表'],
  elevator: ['电梯'],
  kitchen: ['燃气', '灶', '油烟'],
};

export function isEquipmentFault(category: string, title: string): boolean {
  return (FAULT_WORDS[category] ?? []).some((w) => title.includes(w));
}
