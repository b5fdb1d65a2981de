import { describe, expect, it } from 'vitest';
import { abcClassOf, describeTierReason, suggestTier, type Standing } from '../../shared/domain/tiers';

const standing = (abcClass: Standing['abcClass'], shareBefore: number, trailing12Fen = 100_00): Standing => ({
  abcClass,
  shareBefore,
  trailing12Fen,
});

describe('abcClassOf', () => {
  it('classes by the share ranked before: the item crossing a bound stays in the class above', () => {
    expect(abcClassOf(0, 1)).toBe('A');
    expect(abcClassOf(0.79, 1)).toBe('A');
    expect(abcClassOf(0.8, 1)).toBe('B');
    expect(abcClassOf(0.9499, 1)).toBe('B');
    expect(abcClassOf(0.95, 1)).toBe('C');
    expect(abcClassOf(0.5, 1, { a: 0.5, b: 0.9 })).toBe('B');
  });

  it('gives no class to what consumed nothing', () => {
    expect(abcClassOf(0.1, 0)).toBeNull();
    expect(abcClassOf(0.1, -5)).toBeNull();
  });
});

describe('suggestTier', () => {
  it('maps the core of class A to strategic, the rest of A to partner, B to commercial, C and none to general', () => {
    expect(suggestTier(standing('A', 0.2), null).tier).toBe('strategic');
    expect(suggestTier(standing('A', 0.6), null).tier).toBe('partner');
    expect(suggestTier(standing('B', 0.85), null).tier).toBe('commercial');
    expect(suggestTier(standing('C', 0.97), null).tier).toBe('general');
    expect(suggestTier(standing(null, 1, 0), null).tier).toBe('general');
  });

  it('lifts a small member of a big group to its group’s tier, and says so', () => {
    const group = { ...standing('A', 0.1, 9_000_000_00), rootName: '华润集团' };
    const suggestion = suggestTier(standing('C', 0.99), group);
    expect(suggestion.tier).toBe('strategic');
    expect(suggestion.reason.basis).toBe('group');
  });

  it('keeps the account’s own standing when it is better than its group’s', () => {
    const group = { ...standing('B', 0.9), rootName: '某集团' };
    const suggestion = suggestTier(standing('A', 0.3), group);
    expect(suggestion).toMatchObject({ tier: 'strategic', reason: { basis: 'account' } });
  });
});

describe('describeTierReason', () => {
  it('says why in Chinese and English, naming the group when it decided', () => {
    const group = { ...standing('A', 0.1, 123_456_78), rootName: '华润集团' };
    const { reason } = suggestTier(standing('C', 0.99, 5_00), group);
    expect(describeTierReason(reason, 'zh-CN')).toBe(
      'C 类客户（近12个月 ¥5.00，之前累计占比 99.0%）；所属集团「华润集团」为 A 类（近12个月 ¥123,456.78）',
    );
    expect(describeTierReason(reason, 'en')).toBe(
      'class C (¥5.00 in 12 months, 99.0% of the total ranked above it); its customer group “华润集团” is class A (¥123,456.78 in 12 months)',
    );
    expect(describeTierReason(suggestTier(standing(null, 1, 0), null).reason, 'en')).toBe(
      'no consumption in 12 months',
    );
  });
});

describe('describeTierReason length', () => {
  it('fits the form’s 200 characters even for the largest amounts and a long group name', () => {
    const big = 99_999_999_999_99;
    const group = { ...standing('A', 0.1, big), rootName: '很长的集团名称'.repeat(15) };
    const { reason } = suggestTier(standing('C', 0.999, big), group);
    for (const language of ['zh-CN', 'en'] as const) {
      const text = describeTierReason(reason, language);
      expect(text.length).toBeLessThanOrEqual(200);
      expect(text).toContain('…');
    }
  });
});
