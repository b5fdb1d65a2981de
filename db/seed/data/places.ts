/**
 * Where demo accounts are: 潮汕 first (汕头, 潮州, 揭阳), then the Pearl River Delta and a few
 * head offices in 北京 and 上海. Division codes (行政区划代码) go into credit codes, area codes
 * into landlines; postcodes are the districts' usual ones.
 */
export interface District {
  readonly name: string;
  /** As in branch names: 龙湖 for 龙湖区. */
  readonly short: string;
  readonly division: string;
  readonly postcode: string;
}

export interface City {
  /** Also the account's `region`. */
  readonly name: string;
  /** With 市 where people write it (汕头市), as addresses start. */
  readonly full: string;
  readonly areaCode: string;
  /** Digits of a local landline number after the area code. */
  readonly localLength: 7 | 8;
  /** First digits local numbers start with. */
  readonly leads: string;
  /** How likely an organization is here. */
  readonly weight: number;
  readonly districts: readonly District[];
  readonly streets: readonly string[];
}

const d = (name: string, short: string, division: string, postcode: string): District => ({
  name,
  short,
  division,
  postcode,
});

export const cities: readonly City[] = [
  {
    name: '汕头',
    full: '汕头市',
    areaCode: '0754',
    localLength: 8,
    leads: '8',
    weight: 30,
    districts: [
      d('龙湖区', '龙湖', '440507', '515041'),
      d('金平区', '金平', '440511', '515031'),
      d('濠江区', '濠江', '440512', '515071'),
      d('潮阳区', '潮阳', '440513', '515100'),
      d('潮南区', '潮南', '440514', '515144'),
      d('澄海区', '澄海', '440515', '515800'),
      d('南澳县', '南澳', '440523', '515900'),
    ],
    streets: ['长平路', '金砂东路', '中山东路', '海滨路', '黄山路', '韩江路', '珠池路', '龙眼南路'],
  },
  {
    name: '潮州',
    full: '潮州市',
    areaCode: '0768',
    localLength: 8,
    leads: '256',
    weight: 15,
    districts: [
      d('湘桥区', '湘桥', '445102', '521000'),
      d('潮安区', '潮安', '445103', '515638'),
      d('饶平县', '饶平', '445122', '515700'),
    ],
    streets: ['潮枫路', '新洋路', '永护路', '枫春路', '环城西路', '西荣路', '绿榕路', '城新西路'],
  },
  {
    name: '揭阳',
    full: '揭阳市',
    areaCode: '0663',
    localLength: 8,
    leads: '83',
    weight: 15,
    districts: [
      d('榕城区', '榕城', '445202', '522000'),
      d('揭东区', '揭东', '445203', '515500'),
      d('揭西县', '揭西', '445222', '515400'),
      d('惠来县', '惠来', '445224', '515200'),
      d('普宁市', '普宁', '445281', '515300'),
    ],
    streets: ['临江北路', '进贤门大道', '新阳路', '榕华大道', '天福路', '望江北路', '东山大道'],
  },
  {
    name: '广州',
    full: '广州市',
    areaCode: '020',
    localLength: 8,
    leads: '832',
    weight: 12,
    districts: [
      d('天河区', '天河', '440106', '510630'),
      d('越秀区', '越秀', '440104', '510030'),
      d('海珠区', '海珠', '440105', '510220'),
      d('荔湾区', '荔湾', '440103', '510140'),
      d('白云区', '白云', '440111', '510405'),
      d('黄埔区', '黄埔', '440112', '510700'),
      d('番禺区', '番禺', '440113', '511400'),
    ],
    streets: ['天河路', '环市东路', '中山大道', '黄埔大道', '华夏路', '体育西路', '珠江东路', '科学大道'],
  },
  {
    name: '深圳',
    full: '深圳市',
    areaCode: '0755',
    localLength: 8,
    leads: '82',
    weight: 12,
    districts: [
      d('福田区', '福田', '440304', '518048'),
      d('罗湖区', '罗湖', '440303', '518001'),
      d('南山区', '南山', '440305', '518052'),
      d('宝安区', '宝安', '440306', '518101'),
      d('龙岗区', '龙岗', '440307', '518116'),
      d('龙华区', '龙华', '440309', '518109'),
    ],
    streets: ['深南大道', '福华路', '高新南一道', '华强北路', '滨海大道', '宝安大道', '龙岗大道'],
  },
  {
    name: '东莞',
    full: '东莞市',
    areaCode: '0769',
    localLength: 8,
    leads: '28',
    weight: 6,
    districts: [
      d('南城街道', '南城', '441900', '523070'),
      d('东城街道', '东城', '441900', '523120'),
      d('长安镇', '长安', '441900', '523850'),
      d('虎门镇', '虎门', '441900', '523900'),
      d('松山湖', '松山湖', '441900', '523808'),
    ],
    streets: ['东城大道', '鸿福路', '莞太路', '长安中路', '虎门大道', '新城大道'],
  },
  {
    name: '佛山',
    full: '佛山市',
    areaCode: '0757',
    localLength: 8,
    leads: '82',
    weight: 5,
    districts: [
      d('禅城区', '禅城', '440604', '528000'),
      d('南海区', '南海', '440605', '528200'),
      d('顺德区', '顺德', '440606', '528300'),
    ],
    streets: ['季华路', '汾江路', '岭南大道', '桂澜路', '南海大道', '顺德大道'],
  },
  {
    name: '汕尾',
    full: '汕尾市',
    areaCode: '0660',
    localLength: 7,
    leads: '3',
    weight: 3,
    districts: [
      d('城区', '城区', '441502', '516600'),
      d('海丰县', '海丰', '441521', '516400'),
      d('陆丰市', '陆丰', '441581', '516500'),
    ],
    streets: ['汕尾大道', '香洲路', '二马路', '人民路'],
  },
  {
    name: '北京',
    full: '北京市',
    areaCode: '010',
    localLength: 8,
    leads: '856',
    weight: 1,
    districts: [
      d('朝阳区', '朝阳', '110105', '100020'),
      d('海淀区', '海淀', '110108', '100080'),
      d('东城区', '东城', '110101', '100010'),
    ],
    streets: ['建国路', '朝阳门外大街', '中关村大街', '东长安街'],
  },
  {
    name: '上海',
    full: '上海市',
    areaCode: '021',
    localLength: 8,
    leads: '56',
    weight: 1,
    districts: [
      d('浦东新区', '浦东', '310115', '200120'),
      d('黄浦区', '黄浦', '310101', '200001'),
      d('徐汇区', '徐汇', '310104', '200030'),
    ],
    streets: ['世纪大道', '陆家嘴环路', '南京东路', '漕溪北路'],
  },
];

/** A district with its city. */
export interface Place {
  readonly city: City;
  readonly district: District;
  readonly cityIndex: number;
}

/** Every district of every city, flat: an account's place is one index into it. */
export const places: readonly Place[] = cities.flatMap((city, cityIndex) =>
  city.districts.map((district) => ({ city, district, cityIndex })),
);

export const officeBuildings = [
  '金融大厦',
  '商务中心',
  '国际大厦',
  '时代广场',
  '财富中心',
  '科技大厦',
  '商会大厦',
];
export const industrialParks = ['工业区', '工业园', '科技园', '产业园'];
export const residences = [
  '金碧花园',
  '星湖城',
  '翠苑',
  '碧桂园',
  '华景新城',
  '丹霞庄',
  '海景豪庭',
  '阳光小区',
];
