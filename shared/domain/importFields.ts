/**
 * CSV import: what a file's columns can be mapped to, and a first guess of that mapping from
 * the header names head office and billing systems use (Chinese or English).
 */
export const importKinds = ['consumption', 'accounts', 'contracts'] as const;
export type ImportKind = (typeof importKinds)[number];

/** The column that finds the account a row belongs to (or, for accounts, the existing one). */
export const importMatchKeys = ['customerNo', 'creditCode', 'phone'] as const;
export type ImportMatchKey = (typeof importMatchKeys)[number];

/** What to do with a row that already exists (same account + month + category; same account). */
export const importOnExisting = ['create', 'update', 'skip'] as const;
export type ImportOnExisting = (typeof importOnExisting)[number];

/**
 * Rows with errors: `refuse` the file (all or nothing, the default), or `skip` them, import the
 * good rows and give the bad ones back as a file to correct (`imports.rejects`).
 */
export const importBadRows = ['refuse', 'skip'] as const;
export type ImportBadRows = (typeof importBadRows)[number];

/**
 * The header of the column a rejects file adds (what is wrong with each row), per language.
 * Ignored when the file comes back: its header set is the original file's, so the settings
 * remembered for that file apply.
 */
export const rejectsErrorHeaders = { 'zh-CN': '导入错误', en: 'Import error' } as const;

export const consumptionImportFields = [
  'customerNo',
  'creditCode',
  'phone',
  'period',
  'category',
  'amount',
  'quantity',
  'note',
] as const;

export const accountImportFields = [
  'customerNo',
  'creditCode',
  'phone',
  'name',
  'kind',
  'tier',
  'owner',
  'region',
  'industry',
  'address',
  'postcode',
  'notes',
] as const;

/** A contracts file: the account, the contract's number (what an existing one is found by), its terms. */
export const contractImportFields = [
  'customerNo',
  'creditCode',
  'phone',
  'contractNo',
  'category',
  'startDate',
  'endDate',
  'monthlyValue',
  'autoRenew',
  'notes',
] as const;

export const importFields = [
  ...new Set([...consumptionImportFields, ...accountImportFields, ...contractImportFields]),
] as [ImportField, ...ImportField[]];
export type ImportField =
  | (typeof consumptionImportFields)[number]
  | (typeof accountImportFields)[number]
  | (typeof contractImportFields)[number];

/** Field → the header text of the column it is read from. */
export type ImportMapping = Partial<Record<ImportField, string>>;

export const importFieldsOf: Record<ImportKind, readonly ImportField[]> = {
  consumption: consumptionImportFields,
  accounts: accountImportFields,
  contracts: contractImportFields,
};

/**
 * Fields every file of the kind needs (besides the match key's column). An accounts file may
 * be a partial list (numbers and tiers); a row that creates an account needs a name.
 */
export const requiredImportFields: Record<ImportKind, readonly ImportField[]> = {
  consumption: ['period', 'category', 'amount'],
  accounts: [],
  contracts: ['contractNo', 'category', 'startDate', 'endDate'],
};

/** Header names as people write them, already in `headerForm`. */
const aliases: Record<ImportField, readonly string[]> = {
  customerNo: [
    '客户编号',
    '客户号',
    '客户编码',
    '客户代码',
    '编号',
    'customerno',
    'customernumber',
    'customerid',
  ],
  creditCode: ['统一社会信用代码', '社会信用代码', '信用代码', 'creditcode', 'uscc'],
  phone: [
    '手机',
    '手机号',
    '手机号码',
    '电话',
    '电话号码',
    '联系电话',
    'phone',
    'mobile',
    'tel',
    'telephone',
  ],
  period: ['账期', '月份', '账单月份', '计费月份', '年月', '期间', 'period', 'month', 'billingmonth'],
  category: ['业务类别', '业务类型', '业务', '类别', 'category', 'service'],
  amount: ['金额', '消费金额', '费用', '应收金额', '实收金额', 'amount', 'fee'],
  quantity: ['数量', '用量', 'quantity', 'qty', 'usage'],
  note: ['备注', '说明', 'note', 'notes', 'remark', 'remarks'],
  name: ['客户名称', '名称', '姓名', '单位名称', '企业名称', '公司名称', 'name', 'customername'],
  kind: ['类型', '客户类型', 'kind', 'type'],
  tier: ['客户等级', '等级', '级别', '客户级别', 'tier', 'level'],
  owner: ['客户经理', '经理', '负责人', '工号', 'owner', 'manager', 'accountmanager'],
  region: ['区域', '地区', '片区', 'region', 'area'],
  industry: ['行业', '所属行业', 'industry'],
  address: ['地址', '详细地址', '通讯地址', 'address'],
  postcode: ['邮编', '邮政编码', 'postcode', 'zip', 'zipcode'],
  notes: ['备注', '说明', 'note', 'notes', 'remark', 'remarks'],
  contractNo: ['合同编号', '合同号', '合同编码', 'contractnumber', 'contractno', 'contract'],
  startDate: ['开始日期', '起始日期', '生效日期', '签约日期', 'startdate', 'start', 'from'],
  endDate: ['结束日期', '到期日期', '截止日期', '终止日期', 'enddate', 'end', 'to', 'expires'],
  monthlyValue: ['月费', '月租', '月费用', '每月金额', 'monthlyvalue', 'monthlyfee', 'monthly'],
  autoRenew: ['自动续约', '自动续签', '自动续费', 'autorenewal', 'autorenew', 'renewsautomatically'],
};

/**
 * A header as compared: full-width forms folded, case and separators ignored, a unit in
 * brackets dropped (`金额（元）`, `Amount (yuan)`).
 */
export function headerForm(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .replace(/[(（[【][^)）\]】]*[)）\]】]/g, '')
    .replace(/[\s_\-.:：]/g, '')
    .toLowerCase();
}

/** Field → header for every header that names a field of `kind`; each header used once. */
export function suggestMapping(headers: readonly string[], kind: ImportKind): ImportMapping {
  const mapping: ImportMapping = {};
  const used = new Set<string>();
  const forms = headers.map(headerForm);
  for (const field of importFieldsOf[kind]) {
    const index = forms.findIndex((form, i) => !used.has(headers[i] ?? '') && aliases[field].includes(form));
    const header = headers[index];
    if (index >= 0 && header !== undefined) {
      mapping[field] = header;
      used.add(header);
    }
  }
  return mapping;
}

const rejectsErrorForms = new Set(Object.values(rejectsErrorHeaders).map(headerForm));

/**
 * Identifies a header set, so the mapping chosen for it can be offered again next month. A
 * rejects file's error column (the last) is left out: it comes back with the original's key.
 */
export function headerSetKey(headers: readonly string[]): string {
  const forms = headers.map(headerForm);
  if (forms.length > 1 && rejectsErrorForms.has(forms.at(-1) ?? '')) forms.pop();
  return forms.join('\u001f');
}

/** A problem with the mapping itself, by field (reported as a validation issue on `mapping.<field>`). */
export type MappingProblem = 'import_column_missing' | 'import_field_required' | 'import_field_not_for_kind';

/**
 * Field → column index for a file's headers, or the problems that make the mapping unusable:
 * a header the file does not have, a field this kind does not import, a required field (or the
 * match key's column) left unmapped.
 */
export function resolveColumns(
  headers: readonly string[],
  kind: ImportKind,
  mapping: ImportMapping,
  matchKey: ImportMatchKey,
): { columns: Partial<Record<ImportField, number>>; problems: [ImportField, MappingProblem][] } {
  const columns: Partial<Record<ImportField, number>> = {};
  const problems: [ImportField, MappingProblem][] = [];
  for (const [field, header] of Object.entries(mapping) as [ImportField, string | undefined][]) {
    if (header === undefined || header === '') continue;
    if (!importFieldsOf[kind].includes(field)) problems.push([field, 'import_field_not_for_kind']);
    else if (!headers.includes(header)) problems.push([field, 'import_column_missing']);
    else columns[field] = headers.indexOf(header);
  }
  for (const field of [matchKey, ...requiredImportFields[kind]]) {
    if (columns[field] === undefined && !problems.some(([problem]) => problem === field))
      problems.push([field, 'import_field_required']);
  }
  return { columns, problems };
}
