/** The status bar entry of the annotations: which profile and sample type, on or off; a click toggles. */
import * as vscode from 'vscode';
import type { AnnotationState } from './state';

export const TOGGLE_COMMAND = 'goProfile.annotations.toggle';

export class AnnotationStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('goProfile.annotations', vscode.StatusBarAlignment.Right, 100);
  private readonly listener: vscode.Disposable;

  constructor(private readonly state: AnnotationState) {
    this.item.name = 'Go Profile Annotations';
    this.item.command = TOGGLE_COMMAND;
    this.listener = state.onDidChange(() => this.update());
    this.update();
  }

  dispose(): void {
    this.listener.dispose();
    this.item.dispose();
  }

  private update(): void {
    const active = this.state.active;
    const index = this.state.costIndex;
    void vscode.commands.executeCommand('setContext', 'goProfile.annotationsActive', !!active);
    void vscode.commands.executeCommand('setContext', 'goProfile.annotationsVisible', !!active && this.state.enabled);
    if (!active || !index) {
      this.item.hide();
      return;
    }
    const filtered = this.state.filtered ? ' (filtered in its flame graph)' : '';
    this.item.text = this.state.enabled ? `$(flame) ${index.typeName}${this.state.filtered ? ' $(filter)' : ''}` : '$(flame) off';
    const tooltip = new vscode.MarkdownString(undefined, false);
    tooltip.appendText(`Profile annotations ${this.state.enabled ? 'shown' : 'hidden'}: ${active.title} (${index.typeName})${filtered}. Click to ${this.state.enabled ? 'hide' : 'show'} them.`);
    tooltip.appendMarkdown('\n\n[Sample type…](command:goProfile.annotations.chooseSampleType) · [Other profile…](command:goProfile.pickActiveProfile) · [Clear](command:goProfile.annotations.clear)');
    // Only these three commands may run from the tooltip's links.
    tooltip.isTrusted = { enabledCommands: ['goProfile.annotations.chooseSampleType', 'goProfile.pickActiveProfile', 'goProfile.annotations.clear'] };
    this.item.tooltip = tooltip;
    this.item.show();
  }
}
