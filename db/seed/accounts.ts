import { newCustomerNumber, type CustomerNumberState } from '../../shared/domain/customerNumber';
import { tiers } from '../../shared/schemas';
import type { PhoneLabel } from '../../shared/types';
import { industries, organizationNotes, personNotes } from './data/companies';
import { managerCodes } from './data/people';
import { industrialParks, officeBuildings, places, residences, type Place } from './data/places';
import { NameForm } from './groups';
import { allSurnames, givenName, organizationName } from './names';
import { CreditCodes, PhoneNumbers } from './numbers';
import { organization, type Plan } from './plan';
import { hash32, type Prng } from './random';
import type { Sink } from './sink';

/** The year an organization was founded: shared by its credit code and its founding day. */
export function foundedYear(plan: Plan, index: number): number {
  const u = hash32(plan.seed, 0xf0d, index) / 0x1_0000_0000;
  return 2024 - Math.floor(38 * Math.pow(u, 1.4));
}

/** Whether the organization has a 400 number; group roots always do. */
function hasServiceNumber(plan: Plan, index: number): boolean {
  if (plan.nameForm[index] === NameForm.groupRoot) return true;
  return (plan.tier[index] ?? 3) <= 2 && hash32(plan.seed, 0x400, index) % 100 < 35;
}

const departments = ['财务部', 'IT部', '采购部', '行政部', '销售部'];

/** 汕头市龙湖区长平路88号 (an office tower's floor, or an industrial park); half of people give none. */
function addressOf(place: Place, isOrganization: boolean, prng: Prng): string {
  const { city, district } = place;
  const street = `${city.full}${district.name}${prng.pick(city.streets)}${prng.range(1, 300)}号`;
  if (!isOrganization) {
    if (prng.chance(0.5)) return '';
    return `${street}${prng.pick(residences)}${prng.range(1, 30)}栋${prng.range(1, 33)}0${prng.range(1, 6)}房`;
  }
  const roll = prng.float();
  if (roll < 0.35) return `${street}${prng.pick(officeBuildings)}${prng.range(2, 32)}楼`;
  if (roll < 0.55) {
    return `${city.full}${district.name}${district.short}${prng.pick(industrialParks)}${prng.range(1, 40)}栋`;
  }
  return street;
}

/** Accounts and their phones, one account at a time, in index (creation) order. */
export class AccountWriter {
  private readonly phones: PhoneNumbers;
  private readonly creditCodes: CreditCodes;
  private readonly customerNumbers: CustomerNumberState = { lastTime: 0 };
  /** The phones of the account being written (reused: no arrays per account). */
  private readonly numbers: string[] = [];
  private readonly labels: PhoneLabel[] = [];
  private readonly notes: string[] = [];

  constructor(private readonly plan: Plan) {
    this.phones = new PhoneNumbers(plan.seed, plan.count);
    this.creditCodes = new CreditCodes(plan.seed);
  }

  write(i: number, prng: Prng, sink: Sink): void {
    const plan = this.plan;
    const isOrganization = plan.kind[i] === organization;
    const place = places[plan.place[i] ?? 0] ?? places[0];
    if (!place) throw new RangeError('no places');
    const { city, district } = place;
    const owner = managerCodes[plan.owner[i] ?? 0] ?? '';
    const employer = plan.employer[i] ?? -1;
    const industry = industries[plan.industry[isOrganization ? i : Math.max(0, employer)] ?? 0]?.name ?? '';
    const created = plan.created[i] ?? 0;
    const name = isOrganization
      ? organizationName(plan, i)
      : (allSurnames[plan.surname[i] ?? 0] ?? '') + givenName(prng, plan.female[i] === 1);
    const address = addressOf(place, isOrganization, prng);
    const notes = prng.chance(isOrganization ? 0.15 : 0.12)
      ? prng.pick(isOrganization ? organizationNotes : personNotes)
      : '';
    sink.insert('accounts', {
      id: plan.ids[i] ?? '',
      kind: isOrganization ? 'organization' : 'person',
      customer_no: newCustomerNumber(this.customerNumbers, created, () => prng.next() & 0xfffff),
      name,
      credit_code: isOrganization
        ? this.creditCodes.code(i, district.division, foundedYear(plan, i) >= 2015, prng.next())
        : null,
      tier: tiers[plan.tier[i] ?? 3] ?? 'general',
      tier_source: 'manager',
      tier_reason: '',
      status: plan.archived[i] ? 'archived' : 'active',
      owner,
      region: city.name,
      industry,
      address,
      postcode: isOrganization || address !== '' ? district.postcode : '',
      notes,
      created_by: owner,
    });
    if (isOrganization) this.organizationPhones(i, place.cityIndex, prng);
    else this.personPhones(i, place.cityIndex, prng);
    this.writePhones(i, created, prng, sink);
  }

  private add(number: string, label: PhoneLabel, note: string): void {
    if (this.numbers.includes(number)) return;
    this.numbers.push(number);
    this.labels.push(label);
    this.notes.push(note);
  }

  private organizationPhones(i: number, cityIndex: number, prng: Prng): void {
    const plan = this.plan;
    this.add(this.phones.switchboard(cityIndex, i), 'office', '总机');
    if (prng.chance(0.55)) this.add(this.phones.landline(cityIndex), 'fax', '传真');
    if (hasServiceNumber(plan, i)) this.add(this.phones.service(i), 'other', '客服热线');
    const root = plan.root[i] ?? -1;
    if (root !== -1 && root !== i && prng.chance(0.4))
      this.add(this.phones.service(root), 'other', '集团客服热线');
    const lines = prng.int(4);
    const first = prng.int(departments.length);
    for (let k = 0; k < lines; k++)
      this.add(
        this.phones.landline(cityIndex),
        'office',
        departments[(first + k) % departments.length] ?? '',
      );
    if (prng.chance(0.2)) this.add(this.phones.mobile(prng), 'mobile', '业务手机');
  }

  private personPhones(i: number, cityIndex: number, prng: Prng): void {
    const plan = this.plan;
    this.add(this.phones.mobile(prng), 'mobile', '');
    if (prng.chance(0.35)) {
      const second = this.phones.mobile(prng);
      const note = prng.chance(0.5) ? '工作号' : '私人号';
      // A few keep their second number abroad; the draws above are made either way.
      if (!this.phones.hasNumberAbroad(i)) this.add(second, 'mobile', note);
      else {
        const abroad = this.phones.numberAbroad(i);
        this.add(abroad.number, 'mobile', abroad.note);
      }
    }
    const employer = plan.employer[i] ?? -1;
    if (employer !== -1 && prng.chance(0.55)) {
      const workCity = places[plan.place[employer] ?? 0]?.cityIndex ?? cityIndex;
      // Colleagues share the switchboard: the deliberate duplicates across accounts.
      if (prng.chance(0.45)) this.add(this.phones.switchboard(workCity, employer), 'office', '公司总机');
      else this.add(this.phones.landline(workCity), 'office', '直线');
    }
    if (prng.chance(0.1)) this.add(this.phones.landline(cityIndex), 'home', '');
  }

  private writePhones(i: number, created: number, prng: Prng, sink: Sink): void {
    const accountId = this.plan.ids[i] ?? '';
    for (let k = 0; k < this.numbers.length; k++) {
      sink.insert('account_phones', {
        id: sink.id(prng, created + k + 1),
        account_id: accountId,
        number: this.numbers[k] ?? '',
        label: this.labels[k] ?? 'other',
        note: this.notes[k] ?? '',
      });
    }
    this.numbers.length = 0;
    this.labels.length = 0;
    this.notes.length = 0;
  }
}
