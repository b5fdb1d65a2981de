import type { ConsumptionCategory, VisitKind } from '../../../shared/types';

/** The words of visit records, anniversaries and bills, as managers write them. */

export const visitKindWeights: readonly (readonly [VisitKind, number])[] = [
  ['onsite', 30],
  ['phone', 24],
  ['online', 12],
  ['walk_in', 10],
  ['marketing', 10],
  ['complaint', 8],
  ['suggestion', 6],
  ['greeting', 4],
  ['gift', 2],
];

export const visitOpenings: Record<VisitKind, readonly string[]> = {
  onsite: ['上门拜访', '到客户办公室拜访', '陪同工程师上门', '登门走访'],
  walk_in: ['客户到营业厅办理业务', '客户来访咨询', '客户到厅'],
  phone: ['电话回访', '电话沟通', '致电客户'],
  online: ['微信沟通', '视频会议', '线上演示'],
  complaint: ['客户投诉'],
  suggestion: ['客户建议'],
  marketing: ['邀请客户参加', '组织客户参加', '上门邀请参加'],
  greeting: ['发送节日祝福', '发送生日祝福'],
  gift: ['寄送节日礼品', '赠送生日贺礼'],
};

export const visitTopics = [
  '宽带提速',
  '专线扩容',
  '云服务演示',
  '5G套餐',
  '账单核对',
  '云电脑试用',
  '视频监控方案',
  '物联网卡续费',
  '固话迁移',
  'IDC机柜续约',
  '千兆光宽升级',
  'SD-WAN组网方案',
  '企业邮箱开通',
  '短信平台对接',
  '400号码开通',
  '云会议部署',
  '5G专网方案',
  '合同续约',
  '新员工号码办理',
  '故障回访',
];
export const topicVerbs = ['介绍', '沟通', '洽谈', '演示', '商谈'];
export const topicOutcomes = [
  '，客户表示有兴趣',
  '，已发送报价',
  '，客户需内部评估',
  '，客户认可方案',
  '，约定下周再谈',
  '，客户希望再优惠一些',
  '，客户暂无需求',
  '',
];

export const complaintIssues = [
  '宽带晚高峰网速慢，影响视频会议',
  '专线中断两小时，要求说明原因',
  '账单多扣了流量费',
  '营业厅排队时间太长',
  '装机师傅迟到',
  '5G信号在仓库内覆盖差',
  '400号码接通率低',
  '套餐变更未生效',
];
export const suggestionTexts = [
  '希望账单按部门拆分',
  '建议增加夜间故障响应',
  '希望提供专属客服微信群',
  '建议套餐加入云存储',
  '希望营业厅开通预约办理',
];
export const marketingEvents = [
  '5G+智慧工厂体验活动',
  '天翼云新品发布会',
  '企业宽带升级优惠活动',
  '中秋客户答谢会',
  '数字化转型沙龙',
  '春茗联谊会',
];

export const satisfiedFeedback = ['对服务满意', '满意，希望保持', '总体满意', '对响应速度满意'];
export const unhappyFeedback = [
  '网速慢，晚上高峰期经常卡顿',
  '资费偏高，希望给予优惠',
  '专线故障恢复太慢',
  '账单看不懂，希望逐项解释',
  '信号覆盖不好',
  '客服电话难打通',
];
export const complaintDemands = ['，要求三天内解决', '，要求减免当月费用', '，希望尽快回复', ''];

export const followUps = [
  '下周提交专线扩容方案',
  '安排工程师上门测速',
  '申请集团优惠折扣，待审批',
  '三个工作日内回复计费疑问',
  '发送云服务试用账号',
  '预约下次拜访',
  '跟进合同续签',
  '协调网络部排查故障',
];

/**
 * What a manager writes down for a visit still to come (a planned visit). Worded so it reads
 * right as a plan and, once its day has passed, as the record of the visit.
 */
export const plannedVisitTopics = [
  '上门拜访，商谈合同续签',
  '上门演示云服务',
  '电话回访，了解网络使用情况',
  '陪同工程师上门勘查专线',
  '拜访财务负责人，核对账单',
  '邀请客户参观数据中心',
];

export const contractLabels = [
  '光纤专线签约',
  '集团统付协议签约',
  '云服务合同签约',
  '5G专网签约',
  '宽带续约',
];
export const organizationCustomLabels = ['上市纪念日', '乔迁纪念日', '新厂投产纪念日', '品牌创立日'];
export const personCustomLabels = ['入职纪念日', '孩子生日', '父亲生日', '母亲生日'];
export const birthdayNotes = ['喜欢单丛茶，可送茶叶', '过农历生日', '可送花篮', '本人不喜张扬，发短信即可'];
export const foundingNotes = ['司庆当天送花篮', '每年司庆有庆典活动', '可发贺电'];

/** How an account's bill splits across services: relative size of a month's amount. */
export const categoryScale: Record<ConsumptionCategory, number> = {
  voice: 1.2,
  data: 2,
  broadband: 1.2,
  leased_line: 5,
  cloud: 4,
  idc: 6,
  iot: 0.8,
  sms: 0.4,
  other: 0.3,
};

/** Typical price of one unit (fen), for the quantity column; null: no quantity. */
export const unitPriceFen: Record<ConsumptionCategory, number | null> = {
  voice: 12,
  data: 300,
  broadband: 19_900,
  leased_line: 150_000,
  cloud: 45_000,
  idc: 380_000,
  iot: 500,
  sms: 5,
  other: null,
};

/** How likely an organization uses each service before its industry's favourites. */
export const organizationCategoryOdds: readonly (readonly [ConsumptionCategory, number])[] = [
  ['data', 0.9],
  ['voice', 0.8],
  ['broadband', 0.6],
  ['sms', 0.3],
  ['leased_line', 0.25],
  ['cloud', 0.2],
  ['iot', 0.12],
  ['idc', 0.08],
  ['other', 0.08],
];
