// Which names the views show: pprof's default (C++ and Rust demangled, simplified) unless the
// goProfile.demangleNames setting is off, which shows the names as the profile has them.
import * as vscode from 'vscode';
import { demangleProfile, type Profile } from '../profile';

export function demangleNamesSetting(): boolean {
  return vscode.workspace.getConfiguration('goProfile').get<boolean>('demangleNames', true);
}

/** The profile with the names the views show, per the setting. */
export function shownNames(profile: Profile): Profile {
  return demangleNamesSetting() ? demangleProfile(profile) : profile;
}
