import {
  actionPatternMatchesAny,
  findAction,
  isCataloguedService,
  suggestActions,
} from '../catalog/actions.js';
import type { Located } from './ast.js';
import { excerpt, report, type ValidationContext } from './validate-context.js';

/** `service:action-pattern`; both parts non-empty, no spaces, `*` and `?` allowed. Linear: no nested quantifiers. */
const ACTION_FORMAT = /^[A-Za-z0-9_.*?-]+:[A-Za-z0-9_.*?-]+$/;

const ACTION_HELP =
  'Write an action as `<service>:<action>`, e.g. `kms:Decrypt` or `kms:List*`, or `*` for every action.';

const RESOURCE_HELP =
  'Write a resource as an ARN `acs:<service>:<region>:<account-id>:<relative-id>`, e.g. ' +
  '`acs:kms:cn-hangzhou:1234567890123456:key/key-abc`, use `*` inside it to match any part, ' +
  'or write `*` for every resource.';

/** Minimum `:`-separated parts of a resource ARN without `*`: `acs`, service, region, account, relative id. */
const ARN_MIN_SEGMENTS = 5;

function actionFormatHelp(text: string): string {
  if (/\s/.test(text)) return `Remove the spaces. ${ACTION_HELP}`;
  if (text.startsWith('acs:'))
    return `This looks like a resource ARN: put it under \`Resource\`. ${ACTION_HELP}`;
  if (!text.includes(':') && findAction(`kms:${text}`) !== undefined) {
    return `Did you mean \`kms:${text}\`? An action names its service.`;
  }
  return ACTION_HELP;
}

/** Checks one `Action`/`NotAction` pattern: its format (error), then the catalog (warnings). False on error. */
export function checkActionPattern(ctx: ValidationContext, pattern: Located, member: string): boolean {
  const text = pattern.value;
  if (text === '*') return true;
  if (!ACTION_FORMAT.test(text)) {
    report(
      ctx,
      'ACTION_BAD_FORMAT',
      'error',
      `\`${excerpt(text)}\` in \`${member}\` is not an action pattern.`,
      pattern.span,
      actionFormatHelp(text),
    );
    return false;
  }
  const service = text.slice(0, text.indexOf(':'));
  if (service.includes('*') || service.includes('?') || !isCataloguedService(service)) return true;
  const wildcard = text.includes('*') || text.includes('?');
  if (!wildcard && findAction(text) === undefined) {
    const suggestions = suggestActions(text, 3);
    report(
      ctx,
      'ACTION_UNKNOWN',
      'warning',
      `\`${excerpt(text)}\` is not a known \`${service}\` action, so it matches only a request for that exact name.`,
      pattern.span,
      suggestions.length > 0
        ? `Did you mean ${suggestions.map((s) => `\`${s}\``).join(', ')}?`
        : 'Check the action name against the KMS API reference.',
    );
  } else if (wildcard && !actionPatternMatchesAny(text)) {
    report(
      ctx,
      'ACTION_MATCHES_NOTHING',
      'warning',
      `\`${excerpt(text)}\` matches no action of the \`${service}\` catalog.`,
      pattern.span,
      'Check the spelling; `*` matches any run of characters and `?` exactly one.',
    );
  }
  return true;
}

function resourceFormatHelp(text: string): string {
  if (text.startsWith('arn:')) return `RAM ARNs start with \`acs:\`, not \`arn:\` (AWS). ${RESOURCE_HELP}`;
  if (!text.startsWith('acs:') && text.toLowerCase().startsWith('acs:'))
    return `The prefix \`acs:\` is lowercase. ${RESOURCE_HELP}`;
  if (/^[a-z0-9-]+:[A-Za-z*?]+$/.test(text))
    return `This looks like an action: put it under \`Action\`. ${RESOURCE_HELP}`;
  return RESOURCE_HELP;
}

/**
 * Checks one `Resource`/`NotResource` pattern: `*`, or an ARN pattern starting with `acs:` that has at
 * least five `:`-separated segments or contains a `*` (which may span segments, semantics §3). False on error.
 */
export function checkResourcePattern(ctx: ValidationContext, pattern: Located, member: string): boolean {
  const text = pattern.value;
  if (text === '*') return true;
  const isArn = text.startsWith('acs:');
  if (isArn && text.includes('*')) return true;
  const segments = text.split(':', ARN_MIN_SEGMENTS).length;
  if (isArn && segments >= ARN_MIN_SEGMENTS) return true;
  report(
    ctx,
    'RESOURCE_BAD_FORMAT',
    'error',
    isArn
      ? `\`${excerpt(text)}\` in \`${member}\` has ${segments} of the ${ARN_MIN_SEGMENTS} ARN segments and no \`*\`, so it can match no resource.`
      : `\`${excerpt(text)}\` in \`${member}\` is not \`*\` or an ARN starting with \`acs:\`.`,
    pattern.span,
    resourceFormatHelp(text),
  );
  return false;
}
