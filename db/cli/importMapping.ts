import { readFileSync } from 'node:fs';
import {
  importFieldsOf,
  importMatchKeys,
  importOnExisting,
  type ImportField,
  type ImportKind,
  type ImportMapping,
  type ImportMatchKey,
  type ImportOnExisting,
} from '../../shared/domain/importFields';
import { categoryKey } from '../../shared/domain/importValues';
import { consumptionCategories } from '../../shared/schemas';
import type { ConsumptionCategory, ImportCategoryMap } from '../../shared/types';
import { choiceOf, UsageError } from './args';

/**
 * The import settings a script gives on the command line instead of the app's mapping screen:
 * `--map 'HEADER=field,…'` or `--mapping FILE.json` (the columns), `--category-map NAME=CATEGORY`
 * (the file's own service names). Checked against the file's headers before anything is read,
 * so a mistyped column is a usage error naming what the file has, never a silent guess.
 */
export interface GivenSettings {
  readonly mapping?: ImportMapping;
  readonly matchKey?: ImportMatchKey;
  readonly onExisting?: ImportOnExisting;
  readonly categoryMap?: ImportCategoryMap;
}

/** `客户编号=customerNo,账期=period` (also repeated `--map`) → { customerNo: '客户编号', … }. */
export function parseMap(pairs: readonly string[], kind: ImportKind): ImportMapping {
  const mapping: Partial<Record<ImportField, string>> = {};
  for (const pair of pairs.flatMap((text) => text.split(','))) {
    if (pair.trim() === '') continue;
    const at = pair.lastIndexOf('=');
    const header = pair.slice(0, at).trim();
    const field = pair.slice(at + 1).trim();
    if (at < 0 || header === '')
      throw new UsageError(`--map takes HEADER=FIELD pairs separated by commas, not "${pair}"`);
    const known = checkField(field, kind, '--map');
    if (mapping[known] !== undefined)
      throw new UsageError(`--map gives ${field} twice ("${mapping[known]}" and "${header}")`);
    mapping[known] = header;
  }
  return mapping;
}

function checkField(field: string, kind: ImportKind, where: string): ImportField {
  const fields = importFieldsOf[kind];
  if (!(fields as readonly string[]).includes(field))
    throw new UsageError(
      `${where}: "${field}" is no field of a ${kind} import; the fields are ${fields.join(', ')}`,
    );
  return field as ImportField;
}

/**
 * `--mapping FILE.json`: the columns as the API takes them (`{"customerNo":"客户编号",…}`), or a
 * whole settings object as `import --dry-run --json` prints it under `settings` and `imports list
 * --json` keeps it (`{"kind":…,"mapping":{…},"matchKey":…,"onExisting":…,"categoryMap":{…}}`).
 */
export function readMappingFile(file: string, kind: ImportKind): GivenSettings {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--mapping ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(value)) throw new UsageError(`--mapping ${file}: not a JSON object`);
  if (!('mapping' in value)) return { mapping: mappingOf(value, kind, file) };
  const known = ['kind', 'mapping', 'matchKey', 'onExisting', 'categoryMap'];
  const unknown = Object.keys(value).filter((key) => !known.includes(key));
  if (unknown.length > 0)
    throw new UsageError(
      `--mapping ${file}: unknown key '${unknown.join("', '")}'; it takes ${known.join(', ')}`,
    );
  if (value['kind'] !== undefined && value['kind'] !== kind)
    throw new UsageError(`--mapping ${file} is for a ${String(value['kind'])} import, not ${kind}`);
  const settings: {
    mapping: ImportMapping;
    matchKey?: ImportMatchKey;
    onExisting?: ImportOnExisting;
    categoryMap?: ImportCategoryMap;
  } = { mapping: mappingOf(value['mapping'], kind, file) };
  const matchKey = choiceOf(stringOrUndefined(value['matchKey']), importMatchKeys, 'mapping matchKey');
  const onExisting = choiceOf(stringOrUndefined(value['onExisting']), importOnExisting, 'mapping onExisting');
  if (matchKey) settings.matchKey = matchKey;
  if (onExisting) settings.onExisting = onExisting;
  if (value['categoryMap'] !== undefined) {
    if (!isRecord(value['categoryMap']))
      throw new UsageError(`--mapping ${file}: categoryMap is not an object`);
    settings.categoryMap = parseCategoryMap(
      Object.entries(value['categoryMap']).map(([name, category]) => `${name}=${String(category)}`),
    );
  }
  return settings;
}

function mappingOf(value: unknown, kind: ImportKind, file: string): ImportMapping {
  if (!isRecord(value)) throw new UsageError(`--mapping ${file}: the mapping is not an object`);
  const mapping: Partial<Record<ImportField, string>> = {};
  for (const [field, header] of Object.entries(value)) {
    if (typeof header !== 'string')
      throw new UsageError(`--mapping ${file}: ${field} must name a column (a string)`);
    mapping[checkField(field, kind, `--mapping ${file}`)] = header;
  }
  return mapping;
}

/** Every column the mapping names must be a header of the file. */
export function checkHeaders(mapping: ImportMapping, headers: readonly string[], file: string): void {
  const missing = Object.values(mapping).filter((header) => !headers.includes(header));
  if (missing.length > 0)
    throw new UsageError(
      `${file} has no column ${missing.map((header) => `"${header}"`).join(', ')}; its columns are ${headers.map((header) => `"${header}"`).join(', ')}`,
    );
}

/**
 * `云计算=cloud` (also `a=cloud,b=iot`, or repeated) → { [categoryKey('云计算')]: 'cloud' }. The
 * services are fixed across the app: a name maps to one of them.
 */
export function parseCategoryMap(pairs: readonly string[]): ImportCategoryMap {
  const map: Record<string, ConsumptionCategory> = {};
  for (const pair of pairs.flatMap((text) => text.split(','))) {
    if (pair.trim() === '') continue;
    const at = pair.lastIndexOf('=');
    const name = pair.slice(0, at).trim();
    const category = pair.slice(at + 1).trim();
    if (at < 0 || name === '' || !(consumptionCategories as readonly string[]).includes(category))
      throw new UsageError(
        `--category-map takes NAME=CATEGORY, CATEGORY one of ${consumptionCategories.join(', ')} (service categories are fixed), not "${pair}"`,
      );
    map[categoryKey(name)] = category as ConsumptionCategory;
  }
  return map;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrUndefined(value: unknown): string | undefined {
  return value === undefined ? undefined : String(value);
}
