/**
 * Names of people. Surname weights follow national frequencies, raised for the names common
 * in 潮汕 (林 陈 黄 蔡 郑 许 李 吴 庄 翁 纪). The polyphonic surnames (曾 单 解 仇 区 朴 查) read
 * differently as surnames than as words, which is exactly what name search must get right.
 */
export const surnames: readonly (readonly [string, number])[] = [
  ['陈', 9],
  ['林', 6.5],
  ['李', 6.5],
  ['王', 5.5],
  ['黄', 5],
  ['张', 5],
  ['刘', 4],
  ['吴', 3.2],
  ['郑', 3],
  ['蔡', 3],
  ['许', 2.6],
  ['杨', 2.6],
  ['谢', 1.6],
  ['赵', 1.6],
  ['周', 1.5],
  ['徐', 1.2],
  ['孙', 1.1],
  ['马', 1],
  ['朱', 1],
  ['胡', 1],
  ['郭', 1.1],
  ['何', 1.1],
  ['庄', 1.2],
  ['翁', 0.9],
  ['纪', 0.7],
  ['罗', 0.8],
  ['高', 0.7],
  ['梁', 0.9],
  ['方', 0.8],
  ['洪', 0.7],
  ['柯', 0.5],
  ['詹', 0.5],
  ['苏', 0.7],
  ['余', 0.6],
  ['姚', 0.5],
  ['邱', 0.6],
  ['钟', 0.6],
  ['肖', 0.5],
  ['彭', 0.5],
  ['江', 0.5],
  ['沈', 0.4],
  ['叶', 0.6],
  ['魏', 0.4],
  ['卢', 0.5],
  ['邓', 0.5],
  ['冯', 0.4],
  ['唐', 0.4],
  ['韩', 0.3],
  ['丁', 0.3],
  ['姜', 0.3],
  ['杜', 0.3],
  ['袁', 0.3],
  ['潘', 0.4],
  ['曹', 0.3],
  ['温', 0.4],
  ['佘', 0.3],
  ['欧阳', 0.15],
  ['司马', 0.06],
  ['上官', 0.03],
  ['诸葛', 0.03],
];

/** Surnames with a special surname reading: 曾 zēng, 单 shàn, 解 xiè, 仇 qiú, 区 ōu, 朴 piáo, 查 zhā. */
export const polyphonicSurnames: readonly (readonly [string, number])[] = [
  ['曾', 0.9],
  ['区', 0.3],
  ['单', 0.25],
  ['解', 0.12],
  ['仇', 0.12],
  ['查', 0.12],
  ['朴', 0.1],
];

export const maleGivenCharacters = Array.from(
  '伟强磊军洋勇杰涛斌超明辉刚平鹏华飞鑫波宇浩凯健俊帆旭宁龙锋彬坤泽晨东志国建文庆荣德锦鸿炜少雄锐楷佳耿瑞桂松振海生',
);
export const femaleGivenCharacters = Array.from(
  '芳娜敏静丽艳娟霞燕玲丹萍红慧婷雪琳颖倩洁佳欣怡莉璐晶梅琴云秀凤薇月蓉珊佩诗曼瑜妙虹嘉淑惠',
);

/** Titles of the people a company employs, the first ones a company's first contacts get. */
export const jobTitles = ['总经理', '董事长', '财务总监', '采购经理', 'IT主管', '行政经理', '办公室主任'];
export const moreJobTitles = ['副总经理', '项目经理', '部门经理', '业务主管', '网络管理员', '财务主管'];

/** The `family` relationship's role: what the `to` person is to the `from` person. */
export const familyRoles = { spouse: '配偶', child: '子女', parent: '父母' } as const;

/** Managers' codes: m001 … m040. */
export const managerCount = 40;
export const managerCodes: readonly string[] = Array.from(
  { length: managerCount },
  (_, i) => `m${String(i + 1).padStart(3, '0')}`,
);

/** How people address contacts in participant lists. */
export const honorifics = ['总', '经理', '主任', '总监', '主管', '工'];
