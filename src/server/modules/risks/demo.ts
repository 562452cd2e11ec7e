/**
 * Demo data of 风险分级管控: the site plan of 示例机械制造有限公司 (drawn in demo-plan.ts, stored
 * through the platform's FileStore), the outlines of its 15 areas on it, and 32 risk points as a
 * machinery plant's safety department would identify them — each assessed by LEC or LS with the
 * tenant's standards, with its controls, responsible department and person.
 */
import { defaultManagementLevel, type AccidentType, type ManagementLevel } from '../../../core/risks/index.js';
import { DEFAULT_STANDARDS, evaluate, fourColour, type StandardsDocument } from '../../../core/standards/index.js';
import type { FileStore } from '../../platform/files/store.js';
import type { Tx } from '../../platform/work.js';
import { StandardsStore } from '../standards/store.js';
import { PLAN_AREAS, sitePlanSvg } from './demo-plan.js';
import { RiskStore, riskPointCode, type RiskPointFields } from './store.js';

export { sitePlanSvg };

type Lec = { method: 'lec'; l: number; e: number; c: number };
type Ls = { method: 'ls'; l: number; s: number };

interface DemoRiskPoint {
  area: string;
  name: string;
  kind: 'area' | 'equipment' | 'job';
  /** Equipment code (seed EQUIPMENT) when the point is one machine. */
  equipment?: string;
  assess: Lec | Ls;
  factors: string;
  accidents: AccidentType[];
  controls: { engineering: string; management: string; ppe: string; emergency: string };
  /** Responsible department (seed DEPARTMENTS code); default: the area's. */
  dept?: string;
  /** Set away from the colour's default on the assessor's judgement. */
  level?: ManagementLevel;
}

const lec = (l: number, e: number, c: number): Lec => ({ method: 'lec', l, e, c });
const ls = (l: number, s: number): Ls => ({ method: 'ls', l, s });

export const DEMO_RISK_POINTS: DemoRiskPoint[] = [
  // ---- A01 一号机加工车间 ----
  {
    area: 'A01',
    name: '数控车床机械伤害',
    kind: 'equipment',
    assess: lec(3, 6, 7),
    factors: '卡盘、刀具等旋转部位防护缺失或联锁失效；装夹后卡盘扳手未取下；戴手套操作旋转设备；铁屑飞溅',
    accidents: ['mechanical_injury', 'object_strike'],
    controls: {
      engineering: '加装防护门并设电气联锁，防护门未关闭不能启动；急停按钮每班点检',
      management: '执行《数控车床安全操作规程》，班前点检，严禁戴手套操作，持证上岗',
      ppe: '防护眼镜、工作服袖口扎紧、防砸安全鞋',
      emergency: '立即按下急停按钮切断电源，对伤员止血包扎，拨打120并报告班组长和安全环保部',
    },
  },
  {
    area: 'A01',
    name: '摇臂钻床机械伤害',
    kind: 'equipment',
    assess: lec(1, 6, 7),
    factors: '钻头旋转卷入头发、衣袖；工件未夹紧随钻头转动',
    accidents: ['mechanical_injury'],
    controls: {
      engineering: '工件用夹具或虎钳夹紧，设置钻头防护罩',
      management: '严禁用手扶持工件钻孔，长发须盘入工作帽',
      ppe: '工作帽、防护眼镜，严禁戴手套',
      emergency: '立即停机断电，反转退出卷入物，伤员送医务室处置',
    },
  },
  {
    area: 'A01',
    name: '砂轮打磨作业物体打击',
    kind: 'job',
    assess: lec(3, 6, 3),
    factors: '砂轮片破裂飞出；托架与砂轮间隙过大；侧面磨削',
    accidents: ['object_strike', 'mechanical_injury'],
    controls: {
      engineering: '砂轮机装设防护罩，托架与砂轮间隙不大于3 mm',
      management: '更换砂轮片后空转试机，严禁用砂轮侧面磨削，站在砂轮侧面操作',
      ppe: '防护面罩或防护眼镜',
      emergency: '停机断电，眼部异物用清水冲洗后送医，严禁揉眼',
    },
  },
  // ---- A02 二号装配车间 ----
  {
    area: 'A02',
    name: '桥式起重机起重伤害',
    kind: 'equipment',
    equipment: 'CRN-001',
    assess: lec(3, 6, 15),
    factors: '钢丝绳断丝磨损超标；起升高度限位器失效；吊索具不合格；斜拉歪吊；吊物下站人',
    accidents: ['lifting_injury', 'object_strike'],
    controls: {
      engineering: '起升高度限位、超载限制器、声光报警完好；吊钩防脱钩装置',
      management: '特种设备定期检验，司机与指挥持证上岗，执行“十不吊”，吊索具每日检查',
      ppe: '安全帽、防砸安全鞋',
      emergency: '立即停止起吊，设置警戒区，救出被压人员时先支撑吊物，拨打120并上报',
    },
    dept: 'equipment',
  },
  {
    area: 'A02',
    name: '装配作业物体打击',
    kind: 'job',
    assess: lec(3, 6, 3),
    factors: '工件、工具从工作台滑落；手持工具脱手',
    accidents: ['object_strike'],
    controls: {
      engineering: '工作台设挡边，重型工件使用工装夹具固定',
      management: '工具定置摆放，作业区域物料限高堆放',
      ppe: '防砸安全鞋、防护手套',
      emergency: '伤员就地检查伤情，送医务室处置，必要时拨打120',
    },
  },
  // ---- A03 焊接车间 ----
  {
    area: 'A03',
    name: '焊接作业触电',
    kind: 'job',
    assess: lec(3, 6, 7),
    factors: '焊机外壳未接地；焊把线绝缘破损；潮湿环境作业',
    accidents: ['electric_shock', 'burn'],
    controls: {
      engineering: '焊机外壳可靠接地，装设漏电保护器，焊把线无破损',
      management: '焊工持证上岗，每日检查焊机及电缆，潮湿处作业采取绝缘措施',
      ppe: '绝缘手套、焊工防护服、绝缘鞋',
      emergency: '立即切断电源，用绝缘物使触电者脱离电源，必要时心肺复苏并拨打120',
    },
  },
  {
    area: 'A03',
    name: '焊接烟尘及弧光伤害',
    kind: 'job',
    assess: ls(3, 3),
    factors: '焊接烟尘、锰及其化合物；电弧紫外线灼伤眼睛',
    accidents: ['poisoning_asphyxia', 'burn'],
    controls: {
      engineering: '工位设置局部排烟装置和挡光屏',
      management: '定期检测作业场所粉尘浓度，职业健康体检',
      ppe: '焊接面罩、防尘口罩',
      emergency: '出现电光性眼炎用冷敷并送医；头晕恶心者移至通风处休息',
    },
  },
  {
    area: 'A03',
    name: '气瓶使用火灾爆炸',
    kind: 'job',
    assess: lec(1, 6, 15),
    factors: '氧气、乙炔气瓶混放；未设防倾倒装置；与明火间距不足',
    accidents: ['fire', 'container_explosion'],
    controls: {
      engineering: '气瓶设防倾倒链条，乙炔瓶装回火防止器',
      management: '氧气与乙炔瓶间距不小于5 m、距明火不小于10 m，空瓶实瓶分区存放',
      ppe: '防护手套',
      emergency: '关闭瓶阀，用干粉灭火器扑救初起火灾，疏散人员并拨打119',
    },
  },
  // ---- A04 喷涂车间 ----
  {
    area: 'A04',
    name: '喷涂车间火灾',
    kind: 'area',
    assess: lec(3, 6, 15),
    factors: '油漆、稀释剂挥发形成爆炸性混合物；静电、非防爆电器引燃；漆渣堆积',
    accidents: ['fire', 'other_explosion'],
    controls: {
      engineering: '防爆电气、可燃气体报警并与排风联锁，设备静电接地，自动喷淋',
      management: '严禁烟火，动火作业审批，油漆日用量不超过一个班次，漆渣每日清理',
      ppe: '防静电工作服、防静电鞋',
      emergency: '切断电源和气源，启动排风，用干粉或泡沫灭火器扑救，疏散人员并拨打119',
    },
  },
  {
    area: 'A04',
    name: '喷漆作业中毒窒息',
    kind: 'job',
    assess: ls(3, 3),
    factors: '苯系物等有机溶剂蒸气；喷漆房通风不良',
    accidents: ['poisoning_asphyxia'],
    controls: {
      engineering: '喷漆房机械通风，风量定期检测',
      management: '有毒物质浓度定期检测，限制连续作业时间，职业健康体检',
      ppe: '防毒面具（有机蒸气滤毒盒）、防护手套',
      emergency: '将中毒者移至空气新鲜处，保持呼吸道通畅，送医并报告',
    },
  },
  // ---- A05 冲压车间 ----
  {
    area: 'A05',
    name: '开式压力机冲压机械伤害',
    kind: 'equipment',
    assess: lec(6, 6, 7),
    factors: '光电保护装置失效；手伸入模具区送料取件；双手按钮被短接',
    accidents: ['mechanical_injury'],
    controls: {
      engineering: '光电保护与双手操作按钮完好，禁止短接；使用专用送料工具',
      management: '每班试验光电保护装置，换模时切断电源并挂牌上锁',
      ppe: '防护手套（非旋转部位）、耳塞',
      emergency: '立即停机断电，松开模具救出伤员，断指用清洁纱布包好冷藏随伤员送医',
    },
  },
  {
    area: 'A05',
    name: '模具更换物体打击',
    kind: 'job',
    assess: lec(1, 3, 7),
    factors: '模具吊装脱落；换模时滑块意外下行',
    accidents: ['object_strike', 'lifting_injury'],
    controls: {
      engineering: '换模使用安全垫块支撑滑块',
      management: '换模作业执行能量隔离（挂牌上锁），专人指挥吊装',
      ppe: '安全帽、防砸安全鞋',
      emergency: '停止作业，救出伤员并送医，保护现场',
    },
  },
  // ---- B01 原材料仓库 ----
  {
    area: 'B01',
    name: '内燃叉车车辆伤害',
    kind: 'equipment',
    assess: lec(3, 6, 7),
    factors: '倒车无警示；超速、视线受阻；货叉载人；人车混行',
    accidents: ['vehicle_injury', 'object_strike'],
    controls: {
      engineering: '叉车安装倒车影像及声光报警，仓库划分人行通道',
      management: '叉车司机持证上岗，库内限速5 km/h，严禁货叉载人',
      ppe: '反光背心、安全鞋',
      emergency: '立即停车熄火，抢救伤员并拨打120，保护现场并上报',
    },
  },
  {
    area: 'B01',
    name: '货物堆垛坍塌',
    kind: 'area',
    assess: ls(2, 3),
    factors: '堆垛超高、货架超载变形',
    accidents: ['collapse', 'object_strike'],
    controls: {
      engineering: '货架标注限载并定期检查，堆垛高度不超过2 m',
      management: '按“上轻下重”原则码放，定期巡查货架变形',
      ppe: '安全帽',
      emergency: '疏散周边人员，设置警戒，使用叉车或起重设备移除压物救人',
    },
  },
  // ---- B02 成品仓库 ----
  {
    area: 'B02',
    name: '电动叉车车辆伤害',
    kind: 'equipment',
    assess: lec(1, 6, 7),
    factors: '转弯速度过快；货物遮挡视线',
    accidents: ['vehicle_injury'],
    controls: {
      engineering: '安装蓝光警示灯，路口设凸面镜',
      management: '持证驾驶，限速行驶，货物遮挡视线时倒车行驶',
      ppe: '反光背心',
      emergency: '停车断电，救护伤员并上报',
    },
    dept: 'logistics',
  },
  {
    area: 'B02',
    name: '成品仓库火灾',
    kind: 'area',
    assess: ls(2, 4),
    factors: '包装材料可燃；电气线路老化；消防通道被占用',
    accidents: ['fire'],
    controls: {
      engineering: '设置火灾自动报警系统和室内消火栓，照明灯具加防护罩',
      management: '严禁烟火，消防通道保持畅通，每月消防检查',
      ppe: '—',
      emergency: '发现火情立即报警，用灭火器、消火栓扑救初起火灾，组织疏散并拨打119',
    },
  },
  // ---- B03 危化品仓库 ----
  {
    area: 'B03',
    name: '危化品仓库火灾爆炸',
    kind: 'area',
    assess: ls(4, 5),
    factors: '油漆、稀释剂、乙炔等易燃易爆物品储存；泄漏遇明火、静电；禁忌物料混存',
    accidents: ['fire', 'other_explosion', 'poisoning_asphyxia'],
    controls: {
      engineering: '防爆电气与防爆灯具，可燃气体报警与机械通风联锁，防静电接地，围堰',
      management: '双人双锁管理，分类分区存放，出入库登记，严禁携带火种，安全技术说明书齐全',
      ppe: '防静电工作服、防化手套、防毒面具',
      emergency: '立即报警并切断电源，用砂土、干粉扑救，疏散下风向人员，启动危化品泄漏与火灾应急预案，拨打119',
    },
    dept: 'safety',
  },
  {
    area: 'B03',
    name: '危化品泄漏中毒',
    kind: 'area',
    assess: lec(1, 6, 40),
    factors: '包装容器破损泄漏；搬运时碰撞倾倒',
    accidents: ['poisoning_asphyxia', 'burn'],
    controls: {
      engineering: '设置泄漏收集围堰，配备吸附棉、防爆工具',
      management: '入库验收包装完好，搬运轻拿轻放，泄漏应急物资每月检查',
      ppe: '防化服、防毒面具、防化手套',
      emergency: '佩戴防护用品堵漏，用吸附棉收集，撤离无关人员，中毒者移至上风向送医',
    },
    dept: 'safety',
    level: 'company',
  },
  // ---- C01 锅炉房 ----
  {
    area: 'C01',
    name: '锅炉房锅炉爆炸',
    kind: 'equipment',
    equipment: 'BLR-001',
    assess: lec(1, 6, 40),
    factors: '安全阀、压力表失效；缺水干烧；水质不合格结垢',
    accidents: ['boiler_explosion', 'burn'],
    controls: {
      engineering: '安全阀、压力表、水位计定期校验，高低水位报警与燃烧器联锁',
      management: '锅炉定期检验，司炉工持证上岗，交接班记录，水质化验',
      ppe: '隔热手套、防护面罩',
      emergency: '立即停炉熄火、切断燃气，缓慢泄压，严禁向干烧锅炉补水，疏散人员并上报',
    },
  },
  {
    area: 'C01',
    name: '锅炉房燃气泄漏爆炸',
    kind: 'area',
    assess: ls(2, 5),
    factors: '燃气管道、阀门泄漏；燃气报警器失效',
    accidents: ['other_explosion', 'fire'],
    controls: {
      engineering: '可燃气体报警器与紧急切断阀联锁，防爆排风机',
      management: '每日巡检燃气管道，报警器每年校验',
      ppe: '—',
      emergency: '关闭燃气总阀，开窗通风，严禁开关电器，撤离人员并拨打燃气抢修电话',
    },
  },
  {
    area: 'C01',
    name: '蒸汽管道高温烫伤',
    kind: 'area',
    assess: lec(3, 6, 3),
    factors: '蒸汽管道保温层破损；阀门泄漏喷汽',
    accidents: ['burn'],
    controls: {
      engineering: '管道保温完好，设置高温警示标识',
      management: '检修前泄压降温，挂牌作业',
      ppe: '隔热手套、长袖工作服',
      emergency: '用凉水冲洗烫伤部位15分钟以上，送医务室处置',
    },
  },
  // ---- C02 配电房 ----
  {
    area: 'C02',
    name: '配电房触电',
    kind: 'area',
    assess: lec(1, 6, 15),
    factors: '带电设备裸露；误操作；绝缘工具失效',
    accidents: ['electric_shock', 'burn'],
    controls: {
      engineering: '设置防护遮栏，绝缘垫完好，五防联锁',
      management: '执行工作票、操作票制度，电工持证上岗，非电工禁止入内',
      ppe: '绝缘手套、绝缘靴、绝缘操作杆',
      emergency: '立即断电，用绝缘工具使触电者脱离电源，实施心肺复苏并拨打120',
    },
  },
  {
    area: 'C02',
    name: '配电房电气火灾',
    kind: 'area',
    assess: ls(2, 4),
    factors: '电缆过载发热；接头松动；小动物进入造成短路',
    accidents: ['fire'],
    controls: {
      engineering: '设置挡鼠板，配置二氧化碳灭火器，变压器温控报警',
      management: '红外测温巡检，电缆沟防水防积水',
      ppe: '—',
      emergency: '切断电源后用二氧化碳或干粉灭火器扑救，严禁用水，拨打119',
    },
  },
  // ---- C03 空压站 ----
  {
    area: 'C03',
    name: '储气罐容器爆炸',
    kind: 'equipment',
    equipment: 'TNK-001',
    assess: lec(1, 3, 15),
    factors: '安全阀超期未校验；超压运行；罐体腐蚀',
    accidents: ['container_explosion'],
    controls: {
      engineering: '安全阀、压力表定期校验，设置自动排污',
      management: '压力容器定期检验，每日排水排污，操作人员持证',
      ppe: '耳塞',
      emergency: '立即停机泄压，疏散人员，设置警戒区并上报',
    },
  },
  {
    area: 'C03',
    name: '空压机皮带机械伤害',
    kind: 'equipment',
    assess: lec(1, 6, 3),
    factors: '皮带轮防护罩缺失；运行中检修',
    accidents: ['mechanical_injury'],
    controls: {
      engineering: '皮带传动部位加装防护罩',
      management: '检修前停机断电并挂牌上锁',
      ppe: '耳塞、工作服',
      emergency: '停机断电，救护伤员并送医',
    },
  },
  // ---- D01 职工食堂 ----
  {
    area: 'D01',
    name: '食堂燃气泄漏',
    kind: 'area',
    equipment: 'GAS-001',
    assess: ls(3, 4),
    factors: '燃气软管老化；灶具熄火保护失效；燃气报警器失效',
    accidents: ['fire', 'other_explosion', 'poisoning_asphyxia'],
    controls: {
      engineering: '燃气泄漏报警与紧急切断阀联锁，灶具熄火保护，软管改为金属管',
      management: '每日班前检查燃气管道阀门，下班关闭总阀，油烟管道定期清洗',
      ppe: '—',
      emergency: '关闭燃气总阀，开窗通风，严禁开关电器和使用明火，疏散人员并报修',
    },
  },
  {
    area: 'D01',
    name: '厨房烫伤及割伤',
    kind: 'job',
    assess: lec(3, 6, 1),
    factors: '热油、蒸汽烫伤；刀具、绞肉机割伤',
    accidents: ['burn', 'mechanical_injury'],
    controls: {
      engineering: '绞肉机加装防护罩，地面防滑',
      management: '规范操作，刀具定点存放',
      ppe: '防烫手套、防割手套',
      emergency: '烫伤用冷水冲洗，割伤压迫止血，送医务室',
    },
  },
  // ---- D02 办公楼 ----
  {
    area: 'D02',
    name: '办公楼火灾',
    kind: 'area',
    assess: ls(2, 3),
    factors: '违规使用大功率电器；插线板串接；疏散通道堵塞',
    accidents: ['fire'],
    controls: {
      engineering: '火灾自动报警、应急照明和疏散指示完好',
      management: '禁止私拉乱接，下班断电，每半年组织一次疏散演练',
      ppe: '—',
      emergency: '拨打119，按疏散指示有序撤离，用湿毛巾捂住口鼻低姿前进',
    },
  },
  {
    area: 'D02',
    name: '乘客电梯困人',
    kind: 'equipment',
    equipment: 'ELV-001',
    assess: lec(1, 1, 15),
    factors: '电梯故障停梯；超期未检验',
    accidents: ['lifting_injury'],
    controls: {
      engineering: '电梯应急电话、应急照明完好',
      management: '电梯定期检验和每半月维保，检验合格标志张贴在轿厢内',
      ppe: '—',
      emergency: '安抚被困人员，通知维保单位救援，严禁自行扒门',
    },
    dept: 'equipment',
  },
  // ---- D03 员工宿舍 ----
  {
    area: 'D03',
    name: '宿舍电动车充电火灾',
    kind: 'area',
    assess: ls(3, 4),
    factors: '电动车入户或楼道充电；违规使用大功率电器',
    accidents: ['fire'],
    controls: {
      engineering: '设置集中充电棚（定时断电），宿舍安装限流器和独立式烟感',
      management: '严禁电动车进楼充电，每周宿舍安全检查',
      ppe: '—',
      emergency: '立即报警，组织疏散，用灭火器扑救初起火灾，拨打119',
    },
  },
  // ---- E01 厂区道路及停车场 ----
  {
    area: 'E01',
    name: '厂内机动车辆伤害',
    kind: 'area',
    assess: lec(3, 6, 7),
    factors: '外来车辆超速；人车混行；夜间照明不足',
    accidents: ['vehicle_injury'],
    controls: {
      engineering: '设置限速标志、减速带、人行道，路口设凸面镜，道路照明',
      management: '厂区限速5 km/h，外来车辆登记并告知交通规则',
      ppe: '夜间作业穿反光背心',
      emergency: '停车保护现场，抢救伤员并拨打120，报告安全环保部',
    },
  },
  {
    area: 'E01',
    name: '雨天道路湿滑跌倒',
    kind: 'area',
    assess: ls(2, 2),
    factors: '雨水排水沟堵塞造成积水；井盖破损',
    accidents: ['other_injury'],
    controls: {
      engineering: '排水沟定期清淤，破损井盖及时更换',
      management: '雨天前检查排水设施，积水处设置警示',
      ppe: '防滑鞋',
      emergency: '扶起伤者检查伤情，送医务室处置',
    },
  },
];

const rendered = new Map<string, Promise<Buffer>>();

/** The rendered plan image of a company (made once per process and name). */
function renderPlan(company: string): Promise<Buffer> {
  let png = rendered.get(company);
  if (!png) {
    png = import('sharp').then(({ default: sharp }) => sharp(Buffer.from(sitePlanSvg(company))).png({ compressionLevel: 9 }).toBuffer());
    rendered.set(company, png);
  }
  return png;
}

/**
 * Load the demo company's risk data into the tenant (inside the seed's transaction): the site plan
 * (skipped without a FileStore), area outlines and risk points. Areas, departments, users and the
 * standards must be seeded first.
 */
export async function seedRisks(tx: Tx, tenantId: string, files: FileStore | null, options: { now: Date; company?: string }): Promise<void> {
  const store = new RiskStore();
  const now = options.now;

  if (files) {
    const blob = await files.put(await renderPlan(options.company ?? '示例机械制造有限公司'));
    const fileId = await store.insertFile(tx, {
      tenantId,
      sha256: blob.sha256,
      mime: blob.mime,
      size: blob.size,
      name: '厂区总平面图.png',
      width: blob.width,
      height: blob.height,
      thumbSha256: blob.thumbSha256,
    });
    await store.saveSitePlan(tx, { tenantId, fileId, width: blob.width!, height: blob.height!, updatedBy: null, now });
  }

  const areas = await tx.selectFrom('areas').select(['id', 'code', 'department_id']).execute();
  const areaByCode = new Map(areas.map((a) => [a.code, a]));
  for (const a of PLAN_AREAS) {
    const area = areaByCode.get(a.code);
    if (area) await store.setPolygon(tx, area.id, a.outline);
  }

  const departments = await tx.selectFrom('departments').select(['id', 'code', 'head_user_id']).execute();
  const deptByCode = new Map(departments.map((d) => [d.code, d]));
  const users = await tx.selectFrom('users').select(['id', 'department_id', 'roles', 'display_name']).where('active', '=', true).orderBy('display_name').execute();
  const responsibleOf = (deptId: string) =>
    departments.find((d) => d.id === deptId)?.head_user_id ?? users.find((u) => u.department_id === deptId)?.id ?? null;
  const assessor = users.find((u) => u.roles.includes('safety_officer'))?.id ?? null;
  const equipment = await tx.selectFrom('equipment').select(['id', 'code', 'area_id']).execute();
  const equipmentByCode = new Map(equipment.map((e) => [e.code, e]));

  // The tenant's standards as stored (version 1 from the national defaults in the demo).
  const stored = await new StandardsStore().version(tx);
  const doc: StandardsDocument = stored?.document ?? DEFAULT_STANDARDS;
  const version = stored?.version ?? 1;

  const rows = DEMO_RISK_POINTS.flatMap((p, i) => {
    const area = areaByCode.get(p.area);
    if (!area) return [];
    const { method, ...input } = p.assess;
    const r = evaluate(method, input, doc);
    const deptId = (p.dept ? deptByCode.get(p.dept)?.id : null) ?? area.department_id ?? departments[0].id;
    const eq = p.equipment ? equipmentByCode.get(p.equipment) : undefined;
    const riskLevel = r.riskLevel ?? 'low';
    const fields: RiskPointFields = {
      name: p.name,
      kind: p.kind,
      area_id: area.id,
      equipment_id: eq && eq.area_id === area.id ? eq.id : null,
      hazard_factors: p.factors,
      accident_types: p.accidents,
      method,
      input,
      score: r.score ?? 0,
      level: r.level,
      level_label: r.label,
      color: r.color,
      risk_level: riskLevel,
      risk_level_label: fourColour(doc, riskLevel)?.label ?? r.label,
      standards_version: version,
      assessed_by: assessor,
      assessed_at: now,
      control_engineering: p.controls.engineering,
      control_management: p.controls.management,
      control_ppe: p.controls.ppe,
      control_emergency: p.controls.emergency,
      management_level: p.level ?? defaultManagementLevel(r.color),
      department_id: deptId,
      responsible_user_id: responsibleOf(deptId),
    };
    return [{ code: riskPointCode(i + 1), fields, createdBy: assessor }];
  });
  await store.insertMany(tx, tenantId, rows, now);
  await store.setCounter(tx, tenantId, rows.length);
}
