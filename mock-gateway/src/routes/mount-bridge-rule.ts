/**
 * Where a mounted page's my.request may go: the gateway's own bridge targets and the origins its mount names (its
 * target, the base URLs its hosts map to). A mount that names none keeps the gateway's rule (its targets, or loopback
 * addresses only). Each mount's rule is made once, the first time the mount is asked for; a mount replaced while the
 * gateway runs is a new mount and gets its own.
 */
import { type BridgeTargetRule, bridgeTargetRule } from '../bridge/bridge-targets.js';
import type { MountedMiniProgram } from './mounted-mini-program.js';

export type MountBridgeRule = (program: MountedMiniProgram) => BridgeTargetRule;

/** The origins a mount names: its target and the base URLs its hosts map to. */
function mountTargets(program: MountedMiniProgram): string[] {
  const out: string[] = [];
  const add = (u: string) => {
    try {
      out.push(new URL(u).origin);
    } catch {
      // not a URL ('target', 'passthrough')
    }
  };
  if (program.targetUrl) add(program.targetUrl);
  for (const v of Object.values(program.hosts ?? {})) add(v);
  return out;
}

/** The rule of each mount, given the gateway's bridge targets (origins). */
export function mountBridgeRules(gatewayTargets: readonly string[]): MountBridgeRule {
  const gatewayRule = bridgeTargetRule(gatewayTargets);
  const byMount = new WeakMap<MountedMiniProgram, BridgeTargetRule>();
  return (program) => {
    let rule = byMount.get(program);
    if (rule === undefined) {
      const named = mountTargets(program);
      rule = named.length === 0 ? gatewayRule : bridgeTargetRule([...gatewayTargets, ...named]);
      byMount.set(program, rule);
    }
    return rule;
  };
}
