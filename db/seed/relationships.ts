import { familyRoles, jobTitles, moreJobTitles } from './data/people';
import { beforeReference, day } from './clock';
import { NameForm } from './groups';
import { FamilyRole } from './people';
import { organization, type Plan } from './plan';
import { hash32, type Prng } from './random';
import type { Sink } from './sink';

/**
 * Relationships, written from the side that is `to` (so one account's stream makes them):
 * the holding parent → this company, the employer → this person, this person → family.
 * A relationship is recorded some time after both accounts existed.
 */
const familyRoleText = ['', familyRoles.spouse, familyRoles.child, familyRoles.parent];
const partnerRoles = ['长期合作伙伴', '供应商', '渠道商'];

function recordedAt(plan: Plan, a: number, b: number, prng: Prng): number {
  const later = Math.max(plan.created[a] ?? 0, plan.created[b] ?? 0);
  return beforeReference(later + prng.range(3_600_000, 60 * day));
}

/** The job title of the person, by their order among the employer's contacts. */
function jobTitle(plan: Plan, employer: number, ordinal: number, prng: Prng): string {
  if (ordinal >= jobTitles.length) return prng.pick(moreJobTitles);
  return jobTitles[(hash32(plan.seed, 0x70b, employer) + ordinal) % jobTitles.length] ?? '';
}

export function writeRelationships(plan: Plan, i: number, prng: Prng, sink: Sink): void {
  const id = plan.ids[i] ?? '';
  const idOf = (index: number) => plan.ids[index] ?? '';
  if (plan.kind[i] === organization) {
    const parent = plan.parent[i] ?? -1;
    if (parent !== -1) {
      const form = plan.nameForm[i];
      const role = form === NameForm.subsidiary ? (prng.chance(0.7) ? '全资子公司' : '控股子公司') : '分公司';
      sink.insert('relationships', {
        id: sink.id(prng, recordedAt(plan, parent, i, prng)),
        from_id: idOf(parent),
        to_id: id,
        type: 'holds',
        role,
        note: '',
      });
    }
    if (plan.organizations.length > 2 && prng.chance(0.03)) {
      const other = plan.organizations[prng.int(plan.organizations.length)] ?? i;
      if (other !== i && other !== parent && plan.parent[other] !== i) {
        sink.insert('relationships', {
          id: sink.id(prng, recordedAt(plan, other, i, prng)),
          from_id: idOf(other),
          to_id: id,
          type: 'other',
          role: prng.pick(partnerRoles),
          note: '',
        });
      }
    }
    return;
  }
  const employer = plan.employer[i] ?? -1;
  if (employer !== -1) {
    sink.insert('relationships', {
      id: sink.id(prng, recordedAt(plan, employer, i, prng)),
      from_id: idOf(employer),
      to_id: id,
      type: 'employs',
      role: jobTitle(plan, employer, plan.employeeOrdinal[i] ?? 0, prng),
      note: '',
    });
  }
  const relative = plan.family[i] ?? -1;
  if (relative !== -1) {
    sink.insert('relationships', {
      id: sink.id(prng, recordedAt(plan, relative, i, prng)),
      from_id: id,
      to_id: idOf(relative),
      type: 'family',
      role: familyRoleText[plan.familyRole[i] ?? FamilyRole.none] ?? '',
      note: '',
    });
  }
}
