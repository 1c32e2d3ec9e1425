import { diag } from '@opentelemetry/api';
import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';

function nameOf(propagator: TextMapPropagator): string {
  return (propagator as { constructor?: { name?: unknown } }).constructor?.name?.toString() ?? 'propagator';
}

/**
 * Several propagators as one, as OpenTelemetry's CompositePropagator: inject runs all of them
 * (a later one wins when two write the same key); extract runs them in order, each on the
 * context the previous returned, so a later one overrides what an earlier one extracted. A
 * propagator that throws is reported with `diag.warn` and skipped; fields() is the union.
 */
export class CompositePropagator implements TextMapPropagator {
  private readonly propagators: readonly TextMapPropagator[];
  private readonly fieldNames: readonly string[];

  constructor(propagators: readonly TextMapPropagator[] = []) {
    this.propagators = propagators.slice();
    const fields = new Set<string>();
    for (const propagator of this.propagators) {
      try {
        for (const field of propagator.fields()) fields.add(field);
      } catch (error) {
        diag.warn(`CompositePropagator: fields() of ${nameOf(propagator)} failed`, error);
      }
    }
    this.fieldNames = [...fields];
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    for (const propagator of this.propagators) {
      try {
        propagator.inject(context, carrier, setter);
      } catch (error) {
        diag.warn(`CompositePropagator: inject with ${nameOf(propagator)} failed`, error);
      }
    }
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    let result = context;
    for (const propagator of this.propagators) {
      try {
        result = propagator.extract(result, carrier, getter);
      } catch (error) {
        diag.warn(`CompositePropagator: extract with ${nameOf(propagator)} failed`, error);
      }
    }
    return result;
  }

  fields(): string[] {
    return this.fieldNames.slice();
  }
}
