import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  initialTokens,
  nameDuplicateKey,
  nameSearchKeys,
  normalizeName,
  pinyinTokens,
  searchKeyLength,
  segmentName,
  suffixKeys,
  tokenMatchRange,
  type AccountKind,
} from '../../shared/domain/nameSearch';

const tokensOf = (name: string, kind: AccountKind) => pinyinTokens(normalizeName(name), kind);

describe('pinyinTokens', () => {
  it.each([
    ['张三', 'zhang san'],
    ['曾小明', 'zeng xiao ming'],
    ['单田芳', 'shan tian fang'],
    ['解缙', 'xie jin'],
    ['仇英', 'qiu ying'],
    ['区嘉欣', 'ou jia xin'],
    ['朴槿惠', 'piao jin hui'],
    ['查良镛', 'zha liang yong'],
    ['欧阳修', 'ou yang xiu'],
    ['欧阳娜娜', 'ou yang na na'],
    ['吕布', 'lv bu'],
  ])('reads the person %s as %s (surname readings)', (name, expected) => {
    expect(tokensOf(name, 'person').join(' ')).toBe(expected);
  });

  it.each([
    ['长沙银行', 'chang sha yin hang'],
    ['重庆银行', 'chong qing yin hang'],
    ['中国移动', 'zhong guo yi dong'],
    ['曾经有限公司', 'ceng jing you xian gong si'],
  ])('reads the organization %s as words: %s', (name, expected) => {
    expect(tokensOf(name, 'organization').join(' ')).toBe(expected);
  });

  it('reads 曾 as a surname only in person names', () => {
    expect(tokensOf('曾经', 'person')).toEqual(['zeng', 'jing']);
    expect(tokensOf('曾经', 'organization')).toEqual(['ceng', 'jing']);
  });

  it('keeps Latin letters and digits as one token per run', () => {
    expect(tokensOf('IBM中国', 'organization')).toEqual(['ibm', 'zhong', 'guo']);
    expect(tokensOf('ＩＢＭ（中国）有限公司', 'organization')).toEqual([
      'ibm',
      'zhong',
      'guo',
      'you',
      'xian',
      'gong',
      'si',
    ]);
    expect(tokensOf('中国联通5G实验室', 'organization')).toEqual([
      'zhong',
      'guo',
      'lian',
      'tong',
      '5g',
      'shi',
      'yan',
      'shi',
    ]);
  });

  it('property: one token per segment, one segment per Han character or Latin run', () => {
    const unit = fc.constantFrom(...'张王李曾单区银行中国abcXYZ019 -·(（');
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 12 }),
        fc.constantFrom('person', 'organization'),
        (name, kind) => {
          const normalized = normalizeName(name);
          const segments = segmentName(normalized);
          const tokens = pinyinTokens(normalized, kind);
          expect(tokens).toHaveLength(segments.length);
          expect(tokens.every((token) => /^[a-z0-9]+$/.test(token))).toBe(true);
          expect(segments.filter((segment) => segment.han)).toHaveLength(
            Array.from(normalized).filter((char) => /\p{Script=Han}/u.test(char)).length,
          );
        },
      ),
    );
  });
});

describe('initials and search keys', () => {
  it('takes the first letter of each Han reading and Latin runs whole', () => {
    const normalized = normalizeName('IBM中国');
    expect(initialTokens(normalized, pinyinTokens(normalized, 'organization'))).toEqual(['ibm', 'z', 'g']);
    expect(initialTokens('欧阳修', pinyinTokens('欧阳修', 'person'))).toEqual(['o', 'y', 'x']);
    expect(nameSearchKeys('张 三', 'person')).toEqual({
      text: '张三',
      pinyin: ['zhang', 'san'],
      initials: ['z', 's'],
    });
  });

  it('indexes suffixes that start at token boundaries, the first marked as the start', () => {
    expect(suffixKeys(['zhang', 'san', 'feng'])).toEqual([
      { key: 'zhangsanfeng', start: true },
      { key: 'sanfeng', start: false },
      { key: 'feng', start: false },
    ]);
    expect(suffixKeys(['a', 'a'])).toEqual([
      { key: 'aa', start: true },
      { key: 'a', start: false },
    ]);
    expect(suffixKeys([])).toEqual([]);
  });

  it('cuts keys to the key length', () => {
    const tokens = ['zhong', 'guo', 'dian', 'xin', 'gu', 'fen', 'you', 'xian', 'gong', 'si'];
    const keys = suffixKeys(tokens);
    expect(keys[0]).toEqual({ key: tokens.join('').slice(0, searchKeyLength), start: true });
    expect(keys.every(({ key }) => key.length <= searchKeyLength)).toBe(true);
    expect(keys.map(({ key }) => key.slice(0, 3))).toEqual([
      'zho',
      'guo',
      'dia',
      'xin',
      'guf',
      'fen',
      'you',
      'xia',
      'gon',
      'si',
    ]);
  });
});

describe('tokenMatchRange', () => {
  const name = '张三';
  const pinyin = pinyinTokens(name, 'person');
  const initials = initialTokens(name, pinyin);

  it.each([
    ['zhangsan', pinyin, { start: 0, end: 2 }],
    ['zhangs', pinyin, { start: 0, end: 2 }],
    ['zh', pinyin, { start: 0, end: 1 }],
    ['san', pinyin, { start: 1, end: 2 }],
    ['zs', initials, { start: 0, end: 2 }],
    ['s', initials, { start: 1, end: 2 }],
  ])('maps %j to the characters it covers', (query, tokens, range) => {
    expect(tokenMatchRange(name, tokens, query)).toEqual(range);
  });

  it('matches only from a token boundary', () => {
    expect(tokenMatchRange(name, pinyin, 'ang')).toBeNull();
    expect(tokenMatchRange(name, pinyin, 'lisi')).toBeNull();
  });

  it('maps into names mixing Latin and Han', () => {
    const normalized = normalizeName('IBM中国');
    const tokens = pinyinTokens(normalized, 'organization');
    expect(tokenMatchRange(normalized, tokens, 'zhongguo')).toEqual({ start: 3, end: 5 });
    expect(tokenMatchRange(normalized, tokens, 'ibmzh')).toEqual({ start: 0, end: 4 });
    expect(tokenMatchRange(normalized, initialTokens(normalized, tokens), 'ibmzg')).toEqual({
      start: 0,
      end: 5,
    });
  });
});

describe('normalizeName', () => {
  it('turns full-width into half-width and lowers the case', () => {
    expect(normalizeName('ＩＢＭ（中国）有限公司')).toBe('ibm(中国)有限公司');
    expect(normalizeName('中国电信１０００号')).toBe('中国电信1000号');
    expect(normalizeName('张\u3000三')).toBe('张 三');
    expect(normalizeName('Zhang San')).toBe('zhang san');
  });

  it('keeps the length of CJK names with full-width punctuation', () => {
    for (const name of ['ＩＢＭ（中国）有限公司', '长沙银行（股份）', '张三']) {
      expect(normalizeName(name)).toHaveLength(name.length);
    }
  });

  it('gives one duplicate key for one name however it is typed', () => {
    expect(nameDuplicateKey('张 三')).toBe(nameDuplicateKey('张三'));
    expect(nameDuplicateKey('ＩＢＭ 中国')).toBe('ibm中国');
  });
});
