/**
 * What the webview draws, from a decoded profile: the call tree's typed arrays as they
 * are, plus the names, files and start lines of the functions. No Node or vscode imports,
 * so the webview could run it too (the benchmark does, to compare sending raw bytes).
 */
import type { CallTree, Profile } from '../profile';
import type { ViewModel } from '../shared/messages';

export function toViewModel(profile: Profile, tree: CallTree, title: string): ViewModel {
  const { functions, strings } = profile;
  const funcNames = new Array<string>(functions.length);
  const funcFiles = new Array<string>(functions.length);
  for (let f = 0; f < functions.length; f++) {
    funcNames[f] = strings[functions.name[f]] ?? '';
    funcFiles[f] = strings[functions.file[f]] ?? '';
  }
  return {
    title,
    sampleTypes: profile.sampleTypes.map((t) => ({ type: t.type, unit: t.unit })),
    defaultSampleType: profile.defaultSampleType,
    durationNanos: profile.durationNanos,
    periodType: profile.periodType,
    period: profile.period,
    funcNames,
    funcFiles,
    funcStartLines: functions.startLine,
    tree: {
      length: tree.length,
      sampleTypes: tree.sampleTypes,
      parent: tree.parent,
      func: tree.func,
      firstChild: tree.firstChild,
      nextSibling: tree.nextSibling,
      line: tree.line,
      inlined: tree.inlined,
      self: tree.self,
      total: tree.total,
    },
  };
}

