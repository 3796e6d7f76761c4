import type { ParameterValue, RequestTarget } from './request.js';
import { REQUEST_LIMITS } from './request-limits.js';
import type { RequestReader, Scalar } from './request-reader.js';

/** Reads the target of an operation request (interfaces §2): its region and parameters; it has no resource. */
export function readOperation(
  reader: RequestReader,
  operation: string,
  resource: unknown,
  regionValue: unknown,
  parametersValue: unknown,
): RequestTarget | null {
  if (resource !== undefined) {
    return reader.fail(
      'InvalidRequest',
      'an operation request has no resource: the engine derives the resources from region and parameters',
    );
  }
  const region = reader.optionalString('region', regionValue);
  if (region === null) {
    return reader.fail('InvalidRequest', `operation ${operation} needs a region such as "cn-hangzhou"`);
  }
  const parameters = parametersValue === undefined ? {} : readParameters(reader, parametersValue);
  return parameters && { kind: 'operation', operation, region, parameters };
}

function readParameters(reader: RequestReader, raw: unknown): Record<string, ParameterValue> | null {
  const object = reader.object('parameters', raw);
  if (object === null) return null;
  const entries = Object.entries(object);
  if (entries.length > REQUEST_LIMITS.maxParameters) {
    return reader.fail('InvalidRequest', `parameters has more than ${REQUEST_LIMITS.maxParameters} members`);
  }
  // A prototype-free object, so a member named __proto__ stays an ordinary member.
  const out: Record<string, ParameterValue> = Object.create(null);
  for (const [name, value] of entries) {
    if (!reader.key('parameters member', name)) return null;
    if (Array.isArray(value)) {
      if (value.length > REQUEST_LIMITS.maxParameterItems) {
        return reader.fail(
          'InvalidRequest',
          `parameters.${name} has more than ${REQUEST_LIMITS.maxParameterItems} items`,
        );
      }
      const items: (string | number | boolean)[] = [];
      for (const item of value) {
        const scalar = parameterScalar(reader, name, item);
        if (scalar === null) return null;
        items.push(scalar);
      }
      out[name] = items;
    } else {
      const scalar = parameterScalar(reader, name, value);
      if (scalar === null) return null;
      out[name] = scalar;
    }
  }
  return reader.error ? null : out;
}

function parameterScalar(reader: RequestReader, name: string, raw: unknown): Scalar | null {
  const max = REQUEST_LIMITS.maxParameterStringLength;
  return reader.scalar(raw, max) ?? reader.rejectScalar(`parameters.${name}`, raw, 'InvalidRequest', max);
}
