/** Types for pbac 0.3.2 (the package ships none): only what the benchmark uses. */
declare module 'pbac' {
  interface PbacFilter {
    effect: 'Allow' | 'Deny';
    action: string;
    resource: string;
    context: object;
    principal: object;
  }

  class PBAC {
    constructor(
      policies: object | object[],
      options?: { validateSchema?: boolean; validatePolicies?: boolean },
    );
    evaluate(params: { action: string; resource: string; context?: object }): boolean;
    /** The first statement of `effect` that matches, or undefined. */
    filterPoliciesBy(filter: PbacFilter): object | undefined;
  }

  export = PBAC;
}
