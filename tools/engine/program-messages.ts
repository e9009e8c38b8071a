import { ProgramRunOptions, Registration, RegistrationResult } from "./program-runner";
import { Props } from "./property-values";

/** Messages between the engine and the program's process (JSON over the IPC channel). */
export interface StartMessage {
  type: "start";
  options: Omit<ProgramRunOptions, "register">;
}
export type ParentMessage =
  | StartMessage
  | { type: "registered"; seq: number; result: RegistrationResult }
  | { type: "register-failed"; seq: number; message: string };

export type ChildMessage =
  | { type: "register"; seq: number; registration: Registration }
  | { type: "done"; outputs: Props; unhandled: string[] }
  | { type: "failed"; message: string; unhandled: string[] };
