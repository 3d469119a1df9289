// Original file: proto/baton/v1/api.proto


export interface ListInstancesRequest {
  'workflow'?: (string);
  'state'?: (string);
  'limit'?: (number);
  'label_selector'?: (string);
  'parent_id'?: (string);
  'rerun_of'?: (string);
  'backfill_id'?: (string);
  'created_after'?: (string);
  'created_before'?: (string);
  'page_size'?: (number);
  'page_token'?: (string);
}

export interface ListInstancesRequest__Output {
  'workflow': (string);
  'state': (string);
  'limit': (number);
  'label_selector': (string);
  'parent_id': (string);
  'rerun_of': (string);
  'backfill_id': (string);
  'created_after': (string);
  'created_before': (string);
  'page_size': (number);
  'page_token': (string);
}
