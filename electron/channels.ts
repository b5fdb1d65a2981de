import type { EventName, OperationName } from '../shared/api';

/**
 * IPC channel names, shared by main and preload. Operations and events live under separate
 * prefixes so an event can never be mistaken for an operation of the same name.
 */
export const operationChannel = (operation: OperationName): string => `fieldbook:${operation}`;
export const eventChannel = (event: EventName): string => `fieldbook-event:${event}`;
