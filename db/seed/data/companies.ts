import type { ConsumptionCategory } from '../../../shared/types';

/**
 * What organization names are made of: a two-character brand (华新, 三环), an industry word
 * (电子科技, 陶瓷) and a suffix (有限公司). Industries carry where they cluster (玩具 in 澄海,
 * 陶瓷 in 潮安, 纺织 in 潮南 and 普宁) and which telecom services they buy most.
 */
export const brandCharacters = Array.from(
  '华新创宏达鑫盛兴隆泰丰源利信诚恒通鸿宝金安康佳美和嘉联荣昌顺发瑞祥汇德远晟腾启立海星辰光明正大凯博锦天宇宁润万众合科捷越峰骏雅轩卓拓睿翔俊耀展辉振威圣川鹏健旺晨彩灿',
);

export interface Industry {
  /** The account's `industry`. */
  readonly name: string;
  /** Words for names; the first is the most common. */
  readonly words: readonly string[];
  /** District short names where this industry clusters (chosen 60% of the time). */
  readonly clusters: readonly string[];
  /** Services this industry buys beyond the usual. */
  readonly favours: readonly ConsumptionCategory[];
  readonly weight: number;
}

const industry = (
  name: string,
  words: string,
  weight: number,
  favours: readonly ConsumptionCategory[] = [],
  clusters = '',
): Industry => ({
  name,
  words: words.split(' '),
  clusters: clusters === '' ? [] : clusters.split(' '),
  favours,
  weight,
});

export const industries: readonly Industry[] = [
  industry(
    '电子',
    '电子科技 电子 智能科技 电子元件',
    10,
    ['cloud', 'idc', 'leased_line'],
    '南山 宝安 东城 龙湖',
  ),
  industry('陶瓷', '陶瓷 瓷业 卫浴陶瓷 陶瓷工艺', 7, ['broadband'], '潮安 湘桥 饶平'),
  industry('纺织', '纺织 针织内衣 服装 织造', 8, ['iot'], '潮南 普宁 潮阳'),
  industry('玩具', '玩具实业 塑胶玩具 玩具 动漫玩具', 7, ['iot', 'sms'], '澄海'),
  industry('物流', '物流 供应链管理 货运代理 冷链物流', 6, ['iot', 'leased_line'], '濠江 黄埔 虎门'),
  industry('医药', '医药 药业 医疗器械 生物科技', 5, ['cloud'], '普宁 榕城'),
  industry('食品', '食品 食品工业 茶业 农副产品', 7, ['sms'], '潮安 澄海 揭东'),
  industry('银行', '村镇银行 小额贷款 融资担保', 2, ['leased_line', 'idc', 'cloud']),
  industry('酒店', '大酒店 酒店管理 宾馆', 4, ['broadband', 'voice']),
  industry('房地产', '房地产开发 置业 地产', 5, ['broadband']),
  industry('建设', '建设工程 建筑工程 市政工程', 5, ['iot']),
  industry('化工', '塑料 化工 新材料', 4, ['iot'], '潮南 揭东'),
  industry('印刷包装', '印刷 包装 彩印', 4, ['iot'], '潮阳 潮南'),
  industry('五金', '五金 不锈钢制品 金属制品', 4, [], '揭东 潮安'),
  industry('机械', '机械设备 机械 自动化设备', 3, ['iot']),
  industry('汽车', '汽车销售服务 汽车贸易 汽车维修', 3, ['broadband']),
  industry('商贸', '商贸 贸易 进出口', 8, ['voice']),
  industry('信息技术', '信息技术 网络科技 软件', 5, ['cloud', 'idc', 'leased_line']),
  industry('文化传媒', '文化传媒 广告 影视传媒', 3, ['cloud']),
  industry('水产', '水产 海洋渔业 水产养殖', 2, ['iot'], '南澳 濠江 饶平'),
  industry('教育', '教育科技 培训 职业培训', 2, ['broadband', 'cloud']),
];

/** Suffixes of independent companies. */
export const companySuffixes: readonly (readonly [string, number])[] = [
  ['有限公司', 70],
  ['股份有限公司', 12],
  ['有限责任公司', 8],
  ['实业有限公司', 6],
  ['集团有限公司', 4],
];
export const groupSuffixes: readonly (readonly [string, number])[] = [
  ['集团有限公司', 70],
  ['集团股份有限公司', 30],
];

export const organizationNotes = [
  '集团总部决策，分公司执行',
  '每年第四季度做下一年通信预算',
  '对价格敏感，常比较三家运营商报价',
  '机房在3楼，进场需提前一天预约',
  'IT外包给第三方，技术对接找外包商',
  '春节前需上门拜年',
  '老板重人情，逢年过节要问候',
  '财务每月25日前对账',
  '合同到期前三个月启动续约',
  '有意向上云，待安排方案演示',
];

export const personNotes = [
  '喜欢喝单丛茶',
  '只接受上午拜访',
  '微信联系比电话方便',
  '不喜欢被推销，沟通要简洁',
  '家人生日要记得问候',
  '讲潮汕话更亲切',
  '常驻广州，周末回汕头',
  '对网速要求高',
];

/** Chinese numerals 1–999, for 第三十二分公司. */
export function chineseNumber(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n < 10) return digits.charAt(n);
  if (n < 20) return `十${n % 10 === 0 ? '' : digits.charAt(n % 10)}`;
  if (n < 100) return `${digits.charAt(Math.floor(n / 10))}十${n % 10 === 0 ? '' : digits.charAt(n % 10)}`;
  const rest = n % 100;
  const tail =
    rest === 0 ? '' : rest < 10 ? `零${digits.charAt(rest)}` : chineseNumber(rest).replace(/^十/, '一十');
  return `${digits.charAt(Math.floor(n / 100))}百${tail}`;
}
