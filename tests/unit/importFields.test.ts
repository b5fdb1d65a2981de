import { describe, expect, it } from 'vitest';
import { headerForm, headerSetKey, resolveColumns, suggestMapping } from '../../shared/domain/importFields';

describe('suggestMapping', () => {
  it('recognises Chinese and English headers, with units and full-width brackets', () => {
    expect(
      suggestMapping(
        ['Customer No', 'Billing Month', 'Category', 'Amount (yuan)', 'Qty', 'Remark'],
        'consumption',
      ),
    ).toEqual({
      customerNo: 'Customer No',
      period: 'Billing Month',
      category: 'Category',
      amount: 'Amount (yuan)',
      quantity: 'Qty',
      note: 'Remark',
    });
    expect(suggestMapping(['手机号码', '月份', '业务类型', '金额（元）'], 'consumption')).toEqual({
      phone: '手机号码',
      period: '月份',
      category: '业务类型',
      amount: '金额（元）',
    });
  });

  it('reads 类型 as the account kind in an accounts file only, and leaves unknown headers out', () => {
    expect(suggestMapping(['客户名称', '类型', '统一社会信用代码', '邮编', '其他'], 'accounts')).toEqual({
      name: '客户名称',
      kind: '类型',
      creditCode: '统一社会信用代码',
      postcode: '邮编',
    });
    expect(suggestMapping(['类型'], 'consumption')).toEqual({});
  });
});

describe('headerSetKey', () => {
  it('is the same for the same headers however they are spaced or cased', () => {
    expect(headerSetKey(['Customer No', '金额（元）'])).toBe(headerSetKey(['customer_no', '金额']));
    expect(headerSetKey(['a', 'b'])).not.toBe(headerSetKey(['b', 'a']));
    expect(headerForm('\uFEFF客户编号 ')).toBe('客户编号');
  });
});

describe('resolveColumns', () => {
  const headers = ['客户编号', '账期', '业务类别', '金额'];
  it('maps fields to column indexes', () => {
    expect(
      resolveColumns(
        headers,
        'consumption',
        { customerNo: '客户编号', period: '账期', category: '业务类别', amount: '金额' },
        'customerNo',
      ),
    ).toEqual({ columns: { customerNo: 0, period: 1, category: 2, amount: 3 }, problems: [] });
  });

  it('names missing columns, fields of the other kind and unmapped required fields', () => {
    expect(
      resolveColumns(
        headers,
        'consumption',
        { phone: '电话', name: '客户编号', period: '账期', amount: '金额' },
        'phone',
      ).problems,
    ).toEqual([
      ['phone', 'import_column_missing'],
      ['name', 'import_field_not_for_kind'],
      ['category', 'import_field_required'],
    ]);
  });
});
