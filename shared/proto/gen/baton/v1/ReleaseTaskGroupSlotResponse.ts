// Original file: proto/baton/v1/task_group.proto


export interface ReleaseTaskGroupSlotResponse {
  'released'?: (boolean);
  'admitted'?: (string)[];
}

export interface ReleaseTaskGroupSlotResponse__Output {
  'released': (boolean);
  'admitted': (string)[];
}
