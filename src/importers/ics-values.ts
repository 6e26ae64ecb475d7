/**
 * Small readers shared by the iCalendar modules: a property's value or a parameter as text, text
 * trimmed to undefined or upper case, and the guards every reader uses (`safely`, `errorText`).
 * Kept apart so that each module reads ical.js values the same way.
 */
import type ICAL from 'ical.js';

type Component = ICAL.Component;
type Property = ICAL.Property;

export function textOf(comp: Component, name: string): string | undefined {
  const value: unknown = comp.getFirstPropertyValue(name);
  return typeof value === 'string' ? value : undefined;
}

export function paramOf(prop: Property, name: string): string | undefined {
  const value: unknown = prop.getParameter(name);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.find((v): v is string => typeof v === 'string');
  return undefined;
}

export function cleanText(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

export function upper(s: string | undefined): string | undefined {
  return cleanText(s)?.toUpperCase();
}

export function safely<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

export function errorText(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}
