/**
 * The demo company: 示例机械制造有限公司, a machinery plant with workshops, a boiler room, a
 * hazardous-chemicals store and a canteen. Plain data; demo.ts loads it.
 */
export const DEMO_TENANT = { code: 'demo', name: '示例机械制造有限公司' };
export const DEMO_PASSWORD = 'zhian123';

export const DEPARTMENTS = [
  { code: 'production', name: '生产部', kind: 'department', functions: ['production'] },
  { code: 'equipment', name: '设备部', kind: 'department', functions: ['equipment', 'maintenance'] },
  { code: 'safety', name: '安全环保部', kind: 'department', functions: ['safety', 'environment'] },
  { code: 'hr', name: '人事部', kind: 'department', functions: ['hr'] },
  { code: 'logistics', name: '后勤部', kind: 'department', functions: ['logistics'] },
  { code: 'clinic', name: '医务室', kind: 'department', functions: ['medical'] },
  { code: 'office', name: '综合办公室', kind: 'department', functions: ['other'] },
  { code: 'committee', name: '安全委员会', kind: 'committee', functions: ['committee'] },
] as const;

/** The demo accounts named in the README; `head` makes the user the department's head. */
export const DEMO_ACCOUNTS = [
  { username: 'admin', name: '系统管理员', dept: 'office', roles: ['admin', 'security_admin'], position: '信息化专员' },
  { username: 'safety', name: '李建国', dept: 'safety', roles: ['safety_officer'], position: '注册安全工程师', head: true },
  { username: 'production', name: '张伟', dept: 'production', roles: ['dept_head'], position: '生产部经理', head: true },
  { username: 'equipment', name: '刘洋', dept: 'equipment', roles: ['dept_head'], position: '设备部经理', head: true },
  { username: 'hr', name: '陈静', dept: 'hr', roles: ['dept_head'], position: '人事部经理', head: true },
  { username: 'logistics', name: '赵磊', dept: 'logistics', roles: ['dept_head'], position: '后勤部经理', head: true },
  { username: 'worker', name: '孙小明', dept: 'production', roles: ['worker'], position: '数控车工' },
  { username: 'committee', name: '周国强', dept: 'committee', roles: ['committee'], position: '安委会副主任', head: true },
  { username: 'clinic', name: '吴丽华', dept: 'clinic', roles: ['dept_head'], position: '医务室主任', head: true },
] as const;

/** Other employees: [department, position, count]. Names are generated from the lists below. */
export const STAFF: [string, string, number][] = [
  ['production', '数控车工', 8],
  ['production', '焊工', 5],
  ['production', '装配工', 6],
  ['production', '喷涂工', 3],
  ['production', '叉车司机', 3],
  ['production', '班组长', 4],
  ['equipment', '维修电工', 4],
  ['equipment', '机修钳工', 3],
  ['equipment', '起重机械作业人员', 2],
  ['equipment', '司炉工', 2],
  ['safety', '安全员', 3],
  ['hr', '培训专员', 1],
  ['logistics', '消防管理员', 2],
  ['logistics', '食堂管理员', 1],
  ['clinic', '医生', 0],
  ['clinic', '护士', 1],
  ['office', '行政专员', 2],
];

export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
export const GIVEN = ['建华', '志强', '秀英', '海燕', '文博', '晓东', '春梅', '国栋', '玉兰', '宏伟', '丽娟', '明辉', '子涵', '俊杰', '雪梅', '立新', '桂芳', '永刚', '红霞', '德明', '振宇', '慧敏', '家豪', '淑珍', '成龙', '佳怡', '浩然', '美玲', '树林', '静怡'];

export const AREAS = [
  { code: 'A01', name: '一号机加工车间', kind: 'workshop', dept: 'production' },
  { code: 'A02', name: '二号装配车间', kind: 'workshop', dept: 'production' },
  { code: 'A03', name: '焊接车间', kind: 'workshop', dept: 'production' },
  { code: 'A04', name: '喷涂车间', kind: 'workshop', dept: 'production' },
  { code: 'A05', name: '冲压车间', kind: 'workshop', dept: 'production' },
  { code: 'B01', name: '原材料仓库', kind: 'warehouse', dept: 'logistics' },
  { code: 'B02', name: '成品仓库', kind: 'warehouse', dept: 'logistics' },
  { code: 'B03', name: '危化品仓库', kind: 'hazmat_store', dept: 'safety' },
  { code: 'C01', name: '锅炉房', kind: 'boiler_room', dept: 'equipment' },
  { code: 'C02', name: '配电房', kind: 'power_room', dept: 'equipment' },
  { code: 'C03', name: '空压站', kind: 'utility', dept: 'equipment' },
  { code: 'D01', name: '职工食堂', kind: 'canteen', dept: 'logistics' },
  { code: 'D02', name: '办公楼', kind: 'office', dept: 'office' },
  { code: 'D03', name: '员工宿舍', kind: 'dormitory', dept: 'logistics' },
  { code: 'E01', name: '厂区道路及停车场', kind: 'outdoor', dept: 'logistics' },
] as const;

/** [code prefix, name, category, area, special type (TSG) or null, count] */
export const EQUIPMENT: [string, string, string, string, string | null, number][] = [
  ['CNC', '数控车床 CK6150', 'machine_tool', 'A01', null, 6],
  ['VMC', '立式加工中心 VMC850', 'machine_tool', 'A01', null, 3],
  ['DRL', '摇臂钻床 Z3050', 'machine_tool', 'A01', null, 2],
  ['CRN', '桥式起重机 10t', 'crane', 'A02', 'bridge_crane', 2],
  ['CRN', '电动单梁起重机 5t', 'crane', 'A03', 'bridge_crane', 1],
  ['WLD', '二氧化碳保护焊机', 'welding', 'A03', null, 4],
  ['SPR', '喷涂生产线', 'painting', 'A04', null, 1],
  ['FAN', '喷漆房排风机', 'ventilation', 'A04', null, 2],
  ['PRS', '开式压力机 JH21-160', 'press', 'A05', null, 3],
  ['FLT', '内燃叉车 3t', 'forklift', 'B01', 'forklift', 3],
  ['FLT', '电动叉车 2t', 'forklift', 'B02', 'forklift', 2],
  ['BLR', '燃气蒸汽锅炉 4t/h', 'boiler', 'C01', 'boiler', 1],
  ['TRF', '干式变压器 1250kVA', 'electrical', 'C02', null, 2],
  ['CAB', '低压配电柜', 'electrical', 'C02', null, 2],
  ['CMP', '螺杆空压机', 'compressor', 'C03', null, 2],
  ['TNK', '压缩空气储气罐 2m³', 'pressure_vessel', 'C03', 'pressure_vessel', 2],
  ['ELV', '办公楼乘客电梯', 'elevator', 'D02', 'elevator', 1],
  ['GAS', '食堂燃气灶具', 'kitchen', 'D01', null, 1],
];

/** Hazard titles by area kind, as safety officers actually write them. */
export const HAZARD_TITLES: Record<string, string[]> = {
  workshop: [
    '机床防护罩缺失', '车床卡盘扳手未取下', '砂轮机托架间隙过大', '安全通道被物料占用', '设备接地线松动',
    '急停按钮失灵', '员工未佩戴防护眼镜', '起重机钢丝绳断丝超标', '起重机限位器失效', '焊接区域未设置挡光屏',
    '焊机电缆绝缘层破损', '气瓶未固定防倾倒', '喷漆房可燃气体报警器故障', '排风机运行异常', '粉尘浓度超标',
    '压力机光电保护装置失效', '地面油污未及时清理', '临时用电私拉乱接', '车间照明不足', '消防栓被遮挡',
  ],
  warehouse: ['货架超载变形', '叉车倒车报警器损坏', '消防通道堆放货物', '灭火器压力不足', '货物堆垛过高', '仓库照明灯具无防护罩'],
  hazmat_store: ['危化品未分类存放', '防爆灯具损坏', '可燃气体检测仪过期未校验', '安全技术说明书缺失', '泄漏应急物资不足', '通风设施故障'],
  boiler_room: ['锅炉安全阀未按期校验', '压力表超期未检定', '司炉工无证上岗', '锅炉房燃气报警器故障', '水位计模糊不清'],
  power_room: ['配电柜门未关闭上锁', '绝缘垫老化破损', '电缆沟积水', '变压器温控报警异常', '配电房无挡鼠板'],
  utility: ['储气罐安全阀超期未校验', '空压机皮带防护罩缺失', '管道压力表损坏'],
  canteen: ['燃气管道软管老化', '油烟管道油垢积聚', '燃气泄漏报警器失效', '厨房灭火毯缺失'],
  office: ['疏散指示标志不亮', '应急照明灯损坏', '电梯年检标志过期', '插线板串接使用'],
  dormitory: ['宿舍违规使用大功率电器', '楼道堆放杂物', '电动车室内充电', '烟感探测器损坏'],
  outdoor: ['厂区限速标志缺失', '井盖破损', '夜间照明不足', '雨水排水沟堵塞'],
};

export const DESCRIPTION_HINTS = [
  '巡检时发现，已现场提醒相关人员。',
  '班前检查发现，需尽快处理。',
  '员工随手拍上报。',
  '周检查发现，附现场照片。',
  '交接班时发现，暂时设置警示标识。',
];
