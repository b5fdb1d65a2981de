import type { ImportKind } from '../../shared/domain/importFields';
import type { Db } from '../connection';
import { planAccounts, type AccountImportOptions } from './accounts';
import { planConsumption, type ConsumptionImportOptions } from './consumption';
import { planContracts } from './contracts';
import type { ImportPlan } from './plan';

/** What every planner is given: the file's columns, the choices made, who imports. */
export type ImportPlanOptions = AccountImportOptions & ConsumptionImportOptions;

/** Reads a staged file's rows into what importing it would do (nothing is written). */
export type ImportPlanner = (db: Db, rows: readonly string[][], options: ImportPlanOptions) => ImportPlan;

/**
 * The planner of each kind of CSV import (the entities name the kind that writes them): a kind
 * without a planner fails to compile.
 */
export const importPlanners: Readonly<Record<ImportKind, ImportPlanner>> = {
  consumption: planConsumption,
  accounts: planAccounts,
  contracts: planContracts,
};
