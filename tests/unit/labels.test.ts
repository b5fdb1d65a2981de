import { describe, expect, it } from 'vitest';
import { parseAccountKind, parseCategory, parseTier } from '../../shared/domain/importValues';
import {
  accountKindLabels,
  accountStatusLabels,
  anniversaryKindLabels,
  calendarLabels,
  categoryLabels,
  labelsIn,
  phoneLabelLabels,
  relationshipLabels,
  tierLabels,
  tierSourceLabels,
  visitKindLabels,
  type Labels,
} from '../../shared/labels';
import {
  accountKinds,
  accountStatuses,
  anniversaryKinds,
  appLanguages,
  calendars,
  consumptionCategories,
  phoneLabels,
  relationshipTypes,
  tiers,
  tierSources,
  visitKinds,
} from '../../shared/schemas';
import { en } from '../../renderer/i18n/en';
import { zhCN } from '../../renderer/i18n/zh-CN';

/**
 * One label source (`shared/labels.ts`) for the screens, the CSV export and the reminders: each
 * set names every value of its enum in every language, and the screens show those names.
 */
const sets: [string, readonly string[], Labels<string>][] = [
  ['tier', tiers, tierLabels],
  ['tier source', tierSources, tierSourceLabels],
  ['account kind', accountKinds, accountKindLabels],
  ['status', accountStatuses, accountStatusLabels],
  ['phone label', phoneLabels, phoneLabelLabels],
  ['relationship', relationshipTypes, relationshipLabels],
  ['visit kind', visitKinds, visitKindLabels],
  ['anniversary kind', anniversaryKinds, anniversaryKindLabels],
  ['calendar', calendars, calendarLabels],
  ['service', consumptionCategories, categoryLabels],
];

describe('labels', () => {
  it.each(sets)('name every %s in every language', (_name, values, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...values].sort());
    for (const value of values)
      for (const language of appLanguages) expect(labels[value]?.[language]).toMatch(/\S/);
  });

  it('are what the screens show, in both languages', () => {
    for (const [locale, language] of [
      [en, 'en'],
      [zhCN, 'zh-CN'],
    ] as const) {
      expect(locale.tier).toEqual(labelsIn(tierLabels, language));
      expect(locale.category).toEqual(labelsIn(categoryLabels, language));
      expect(locale.visitKind).toEqual(labelsIn(visitKindLabels, language));
      expect(locale.anniversaryKind).toEqual(labelsIn(anniversaryKindLabels, language));
      expect(locale.relationship).toMatchObject(labelsIn(relationshipLabels, language));
      expect(locale.calendar).toMatchObject(labelsIn(calendarLabels, language));
    }
  });

  it('read back from an imported file in either language (what the export writes)', () => {
    for (const language of appLanguages) {
      for (const category of consumptionCategories)
        expect(parseCategory(categoryLabels[category][language])).toBe(category);
      for (const tier of tiers) expect(parseTier(tierLabels[tier][language])).toBe(tier);
      for (const kind of accountKinds) expect(parseAccountKind(accountKindLabels[kind][language])).toBe(kind);
    }
  });
});
