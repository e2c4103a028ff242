import type { TaskId } from '../contract';
import type { AppState, TaskWork } from './app.svelte';

/**
 * A control's view of the one task runner (`AppState.run`): whether its task runs, its progress
 * and stage, and „Abbrechen“ for exactly that task. Buttons bind `disabled={task.running}`;
 * `running` turns false when the task ends in any way (done, error, cancel, dead engine), and
 * progress that arrives after the end is dropped, so no control stays busy.
 */
export class TaskState {
  running = $state(false);
  fraction = $state(0);
  stage = $state('');
  private id: TaskId | null = null;

  constructor(private app: AppState) {}

  /** Run `fn` as a cancellable task (one at a time per control). Undefined on error or cancel. */
  async run<T>(label: string, fn: TaskWork<T>): Promise<T | undefined> {
    if (this.running) return undefined;
    this.running = true;
    this.fraction = 0;
    this.stage = '';
    let mine: TaskId | null = null;
    try {
      return await this.app.run(
        label,
        (onProgress, id) => {
          this.id = mine = id;
          return fn(onProgress, id);
        },
        true,
        (f, stage) => {
          if (this.id !== null && this.id === mine) {
            this.fraction = f;
            this.stage = stage;
          }
        },
      );
    } finally {
      this.id = null;
      this.running = false;
      this.fraction = 0;
      this.stage = '';
    }
  }

  cancel(): void {
    if (this.id !== null) this.app.cancel(this.id);
  }
}
