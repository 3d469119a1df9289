/*
 * Baton's serial protocol (SERIAL_WAIT), checked with SPIN. See README, "Model checking the
 * protocol". N instances of one serial definition; 2 coordinators whose shard claim moves
 * (lease expiry at any point; a deposed coordinator keeps writing with its old claim
 * revision); etcd as atomic compare-and-swap transactions over revisions; MySQL instance
 * states; messages (Enqueue, its answers, Release, Remove, ADMITTED pushes) that are lost,
 * duplicated or late; a workflow timeout that ends the holder while its release and the
 * hand-off are in flight (DolphinScheduler #16369); a stop while queued.
 *
 * Each instance's master is one process (its owner, whoever that is: failover is a lost or
 * repeated message here; ownership and epoch fencing are checked in fencing.pml, whose F1
 * this model assumes: MySQL writes about an instance come from its one current owner).
 *
 * Properties:
 *   S1  assertions: a task starts only while no other instance's task runs, and an instance
 *       becomes RUNNING only while no other is RUNNING or READY_STOP.
 *   S3  assertion in the admission commit: no lower-id instance is still waiting
 *       (SUBMITTED or SERIAL_WAIT) unless it is being stopped.
 *   S2  no invalid end state: every instance process ends only once its instance ENDED, so a
 *       reachable state where some instance waits and no process can act (queue non-empty,
 *       slot free, nobody to hand off) is reported as a deadlock. Every fault has a budget and
 *       every retry is guarded by a condition its step falsifies, so every run is finite and
 *       S2 needs no fairness assumption: it is this end-state check.
 *
 * Mutations (-D...), each must give a trail:
 *   MUTATE_NO_RELEASE_REVISION_CHECK  the hand-off commit compares no revision: neither the
 *       slot's and head's mod revisions nor the shard claim's create revision.
 *   MUTATE_RELEASE_BEFORE_COMMIT      DolphinScheduler's #16369 shape: the timeout's stop path
 *       releases at once, before the task is killed and the end committed, and the
 *       coordinator takes the release as proof that the holder ended.
 *   MUTATE_NO_RECONCILER              no SerialReconciler: a lost Release strands the queue.
 * Finer ones, documented in the README (no trail with EXPIRIES=1: each is covered by the
 * other compare): MUTATE_NO_SLOT_REVISION, MUTATE_NO_SHARD_FENCE.
 */

#define N 3  /* instances 1..N; the message choices below spell out 3 */
#ifndef LOSSES
#define LOSSES 1
#endif
#ifndef DUPS
#define DUPS 1
#endif
#ifndef EXPIRIES
#define EXPIRIES 1
#endif
#ifndef TIMEOUTS
#define TIMEOUTS 1
#endif
#ifndef STOPS
#define STOPS 1
#endif

#ifdef MUTATE_NO_RELEASE_REVISION_CHECK
#define MUTATE_NO_SLOT_REVISION
#define MUTATE_NO_SHARD_FENCE
#endif

/* workflow_instances.state (MySQL); ENDED stands for every terminal state */
#define NONE        0
#define SUBMITTED   1
#define SERIAL_WAIT 2
#define RUNNING     3
#define READY_STOP  4
#define ENDED       5

#define waiting(i) (state[i] == SUBMITTED || state[i] == SERIAL_WAIT)

/* ---- etcd: keys and their revisions. A revision is only ever compared for equality with
   one read earlier, so each key counts its own writes (a new value never equals an older
   one) instead of sharing the store's global counter: the same comparisons, fewer states. */
byte slot;             /* the slot's holder (instance id), 0 when the slot key is absent */
byte slot_mod;         /* the slot key's mod revision */
byte slot_gen;
byte q_mod[N + 1];     /* queue entry i's mod revision, 0 when absent (keys sort by id) */
byte q_gen[N + 1];
byte shard_rev;        /* create revision of the shard claim key, 0 when absent */
byte shard_gen;

/* ---- MySQL ---- */
byte state[N + 1];
bool task[N + 1];      /* a task of instance i runs on a worker: its side effects */
bool stopping[N + 1];  /* ghost: a stop of i was requested while it waited */

/* ---- messages: a bag per kind and instance (pending or not); order is free ---- */
bool enq[N + 1];       /* master -> coordinator: Enqueue (SerialGate.enqueue) */
bool queued[N + 1];    /* coordinator -> master: answer QUEUED */
bool adm[N + 1];       /* coordinator -> master: answer or push ADMITTED (MasterNotifier) */
bool rel[N + 1];       /* master -> coordinator: Release (SerialGate.release) */
bool rem[N + 1];       /* master -> coordinator: Remove (SerialGate.remove) */
bool retry[N + 1];     /* the master saw its Enqueue call fail: it asks again */

/* ---- fault budgets ---- */
byte losses = LOSSES;
byte dups = DUPS;
byte expiries = EXPIRIES;
byte timeouts = TIMEOUTS;
byte stops = STOPS;

/* ---- coordinators' memory: the claim revision each believes it holds ---- */
byte my_rev[3];

/* a message is taken; while the budget lasts it may stay to be delivered again */
inline consume(flag) {
  if
  :: dups > 0 -> dups--
  :: true -> flag = 0
  fi
}

/* SerialStore.fenced: the shard claim key still has our create revision */
#ifdef MUTATE_NO_SHARD_FENCE
#define fenced(f) true
#else
#define fenced(f) (shard_rev == f && f != 0)
#endif

#ifdef MUTATE_NO_SLOT_REVISION
#define slot_unchanged(s, m) true
#define entry_unchanged(h, m) true
#else
/* Mod(slot) == read mod, or Version(slot) == 0 when it was read absent */
#define slot_unchanged(s, m) ((s == 0 && slot == 0) || (s != 0 && slot != 0 && slot_mod == m))
#define entry_unchanged(h, m) (q_mod[h] == m)
#endif

#ifdef MUTATE_RELEASE_BEFORE_COMMIT
#define known_ended(id, releasing) (id == releasing)
#else
#define known_ended(id, releasing) false
#endif

/*
 * HandOff.admitNext: the first reads (slot, queue head, InstanceStates.ended and
 * lowestUnqueued) and the decision in one step (this coordinator is the only writer of its
 * shard, and MySQL states only move forward), then ONE transaction comparing the shard claim,
 * the slot's and the head's revisions, which frees the slot and gives it to the head.
 * r_act: 0 nothing to do, 1 drop the head (HandOff.dropEntry), 2 commit the hand-off.
 */
inline try_admit(f, releasing) {
  do
  :: atomic {
       r_slot = slot; r_smod = slot_mod; r_head = 0; r_hmod = 0; r_low = 0; k = 1;
       do
       :: k > N -> break
       :: k <= N ->
          if
          :: r_head == 0 && q_mod[k] != 0 -> r_head = k; r_hmod = q_mod[k]
          :: else -> skip
          fi;
          if
          :: r_low == 0 && state[k] == SUBMITTED && k != r_slot -> r_low = k
          :: else -> skip
          fi;
          k++
       od;
       k = 0;
       if
       :: !(r_slot == 0 || state[r_slot] == ENDED || known_ended(r_slot, releasing)) ->
          r_act = 0                             /* the holder has not ended in MySQL */
       :: else ->
          if
          /* an entry of an ended instance is dropped, never admitted; on a release the
             head's own state is not read */
          :: releasing == 0 && r_head != 0 && state[r_head] == ENDED -> r_act = 1
          :: else ->
             if  /* submission order: the head waits while an earlier one is not queued */
             :: r_head != 0 && r_low != 0 && r_low < r_head -> r_head = 0; r_hmod = 0
             :: else -> skip
             fi;
             r_act = (r_slot == 0 && r_head == 0 -> 0 : 2)
          fi
       fi;
       r_low = 0
     };
     if
     :: r_act == 0 -> break
     :: r_act == 1 ->
        atomic {                                /* HandOff.dropEntry */
          if
          :: fenced(f) && entry_unchanged(r_head, r_hmod) -> q_mod[r_head] = 0
          :: else -> r_act = 0                  /* ConflictError */
          fi
        }
        if :: r_act == 0 -> break :: else -> skip fi
     :: r_act == 2 ->
        atomic {
          if
          :: fenced(f) && slot_unchanged(r_slot, r_smod) &&
             (r_head == 0 || entry_unchanged(r_head, r_hmod)) ->
             slot_gen++;
             if
             :: r_head != 0 ->
                /* S3: no earlier instance still waits (unless it is being stopped) */
                k = 1;
                do
                :: k >= r_head -> break
                :: k < r_head -> assert(!waiting(k) || stopping[k]); k++
                od;
                k = 0;
                slot = r_head; slot_mod = slot_gen; q_mod[r_head] = 0;
                adm[r_head] = 1;                /* MasterNotifier.notify ADMITTED */
                r_admitted = r_head
             :: else -> slot = 0; slot_mod = 0
             fi
          :: else -> skip                        /* conflict: the reconciler retries */
          fi
        }
        break
     fi
  od
}

/* SerialOperations.enqueue (SERIAL_WAIT): existingDecision, putEntry, admitOrQueue */
inline enqueue(f, i) {
  atomic {
    if
    :: slot == i -> ok = 0; adm[i] = 1          /* existingDecision: it holds the slot */
    :: slot != i && q_mod[i] != 0 -> ok = 1     /* queued already (asked again) */
    :: slot != i && q_mod[i] == 0 && fenced(f) ->
       q_gen[i]++; q_mod[i] = q_gen[i]; ok = 1  /* putEntry: fenced, Version(entry) == 0 */
    :: else -> ok = 0; retry[i] = 1             /* UnavailableError: shard moved, ask again */
    fi
  }
  if
  :: ok ->
     try_admit(f, 0);
     atomic {                                   /* admitOrQueue: the answer */
       if
       :: r_admitted == i || slot == i -> adm[i] = 1
       :: else -> queued[i] = 1
       fi
     }
  :: else -> skip
  fi
}

/* SerialOperations.remove: the entry leaves the queue (fenced, its revision compared); the
   next may then be admitted */
inline remove(f, i) {
  atomic {
    if
    :: q_mod[i] != 0 && fenced(f) -> q_mod[i] = 0; ok = 1
    :: else -> ok = 0
    fi
  }
  if
  :: ok -> try_admit(f, 0)
  :: else -> skip
  fi
}

/*
 * SerialReconciler.reconcileDefinition would change something: a slot held by an ended
 * instance, a free slot and an admissible head, an entry of an ended instance, or a holder
 * that still waits for its ADMITTED push. (It runs on a timer; runs that change nothing are
 * stutter and left out, so that every run of the model is finite.)
 */
#define entry_ended(k) (q_mod[k] != 0 && state[k] == ENDED)
#define not_before(k) (q_mod[k] == 0 && state[k] != SUBMITTED)
#define head_admissible (slot == 0 && (q_mod[1] != 0 || (not_before(1) && q_mod[2] != 0) || \
  (not_before(1) && not_before(2) && q_mod[3] != 0)))
#define reconcile_needed ((slot != 0 && state[slot] == ENDED) || head_admissible || \
  entry_ended(1) || entry_ended(2) || entry_ended(3) || \
  (slot != 0 && waiting(slot) && !adm[slot]))

inline reconcile(f) {
  try_admit(f, 0);
  atomic {
    k = 1;
    do  /* entries of ended instances are dropped, each in a fenced transaction */
    :: k > N -> break
    :: k <= N ->
       if
       :: q_mod[k] != 0 && state[k] == ENDED && fenced(f) -> q_mod[k] = 0
       :: else -> skip
       fi;
       k++
    od;
    k = 0;
    if  /* an admitted holder that has not started: push again */
    :: slot != 0 && waiting(slot) -> adm[slot] = 1
    :: else -> skip
    fi
  }
}

#define clear_reads() atomic { r_slot = 0; r_smod = 0; r_head = 0; r_hmod = 0; r_low = 0; \
  r_act = 0; r_admitted = 0; ok = 0; i = 0; f = 0 }

/*
 * A coordinator: one process, so its operations on the definition are serial
 * (SerialOperations.exclusive). It starts an operation only while it holds the shard
 * (ShardKeeper.fenceFor), and carries on with the fence it took even when the claim expires
 * or moves under the operation: the deposed coordinator's writes. (An operation it would
 * start later with the stale fence writes nothing, and what it answers is what it reads;
 * to the master that is a lost or repeated message, which the fault budgets cover.)
 */
#define owns(c) (my_rev[c] != 0 && my_rev[c] == shard_rev)
proctype Coordinator(byte c) {
  byte f, i, k, r_slot, r_smod, r_head, r_hmod, r_low, r_admitted, r_act;
  bool ok;
end:
  do
  :: atomic { shard_rev == 0 -> shard_gen++; shard_rev = shard_gen; my_rev[c] = shard_rev }
     /* ShardKeeper.balance: claim the shard, create_revision == 0, under our lease */
  :: atomic {
       owns(c) && (enq[1] || enq[2] || enq[3]) ->
       f = my_rev[c];                                   /* ShardKeeper.fenceFor */
       if :: enq[1] -> i = 1 :: enq[2] -> i = 2 :: enq[3] -> i = 3 fi;
       consume(enq[i])
     }
     enqueue(f, i); clear_reads()
  :: atomic {
       owns(c) && (rel[1] || rel[2] || rel[3]) ->
       f = my_rev[c];
       if :: rel[1] -> i = 1 :: rel[2] -> i = 2 :: rel[3] -> i = 3 fi;
       consume(rel[i])
     }
     try_admit(f, i);                                   /* SerialOperations.release */
     clear_reads()
  :: atomic {
       owns(c) && (rem[1] || rem[2] || rem[3]) ->
       f = my_rev[c];
       if :: rem[1] -> i = 1 :: rem[2] -> i = 2 :: rem[3] -> i = 3 fi;
       consume(rem[i])
     }
     remove(f, i); clear_reads()
#ifndef MUTATE_NO_RECONCILER
  :: atomic {
       owns(c) && reconcile_needed -> f = my_rev[c]
     }
     reconcile(f); clear_reads()
#endif
  od
}

/* S1 as the record sees it: no other instance's task runs, no other instance is running */
inline assert_alone(i) {
  k = 1;
  do
  :: k > N -> break
  :: k <= N -> assert(k == i || !task[k]); k++
  od;
  k = 0
}
inline assert_only_running(i) {
  k = 1;
  do
  :: k > N -> break
  :: k <= N -> assert(k == i || (state[k] != RUNNING && state[k] != READY_STOP)); k++
  od;
  k = 0
}

/* Instance i's master (its owner at the time) and the worker running its one task. */
proctype Instance(byte i) {
  byte k;
  /* the api records instances in id order; the master asks to run (SerialTurn.ask) */
  atomic { (i == 1 || state[i - 1] != NONE) -> state[i] = SUBMITTED; enq[i] = 1 };
  do
  :: atomic { retry[i] && waiting(i) -> retry[i] = 0; enq[i] = 1 }
     /* the failed call resets the run; re-adopted, InstanceRun.start asks again */
  :: atomic { queued[i] -> queued[i] = 0;
       if :: state[i] == SUBMITTED -> state[i] = SERIAL_WAIT :: else -> skip fi }
     /* InstanceRun.decide(QUEUED) -> SerialTurn.next: SERIAL_WAIT */
  :: atomic { adm[i] -> consume(adm[i]);
       if
       :: waiting(i) && !stopping[i] ->
          assert_only_running(i); assert_alone(i); state[i] = RUNNING; task[i] = 1
       :: else -> skip                            /* not waiting: a late or repeated push */
       fi }
     /* InstanceRun.decide(ADMITTED) -> toRunning -> advance dispatches the task and
        the worker starts it */
  :: atomic { state[i] == RUNNING -> task[i] = 0; state[i] = ENDED }; rel[i] = 1; break
     /* the task ends, the worker reports it (applyTaskReport), advance -> finish(SUCCESS) ->
        InstanceLifecycle.commitEnd: the terminal state committed, THEN announceEnd -> SerialGate.release */
  :: atomic { timeouts > 0 && state[i] == RUNNING -> timeouts--; state[i] = READY_STOP
#ifdef MUTATE_RELEASE_BEFORE_COMMIT
       ; rel[i] = 1
#endif
     }
     /* InstanceRun.armWorkflowTimeout fires -> InstanceLifecycle.toReadyStop (races the hand-off, #16369) */
  :: atomic { state[i] == READY_STOP -> task[i] = 0; state[i] = ENDED }; rel[i] = 1; break
     /* the worker kills the task and reports it ended once its process group is gone;
        advance -> finish(STOP) -> InstanceLifecycle.commitEnd, then SerialGate.release */
  :: atomic { stops > 0 && waiting(i) -> stops--; stopping[i] = 1; rem[i] = 1 }
     state[i] = ENDED; break
     /* InstanceRun.requestStop -> leaveQueue: SerialGate.remove, then finish(STOP) */
  od
}

/* Faults: a coordinator's lease expires (etcd deletes its shard claim); a message is lost. */
#define lose(flags, fails_call) \
  if \
  :: flags[1] -> flags[1] = 0; retry[1] = (retry[1] || fails_call) \
  :: flags[2] -> flags[2] = 0; retry[2] = (retry[2] || fails_call) \
  :: flags[3] -> flags[3] = 0; retry[3] = (retry[3] || fails_call) \
  fi
#define any(flags) (flags[1] || flags[2] || flags[3])

proctype Faults() {
end:
  do
  :: atomic { expiries > 0 && shard_rev != 0 -> expiries--; shard_rev = 0 }
  :: atomic { losses > 0 && any(enq) -> losses--; lose(enq, 1) }
  :: atomic { losses > 0 && any(queued) -> losses--; lose(queued, 1) }
  :: atomic { losses > 0 && any(adm) -> losses--; lose(adm, 1) }
     /* a lost ADMITTED answer fails the call; a lost push is just lost (retry is harmless) */
  :: atomic { losses > 0 && any(rel) -> losses--; lose(rel, 0) }
  :: atomic { losses > 0 && any(rem) -> losses--; lose(rem, 0) }
  od
}

init {
  atomic {
    run Coordinator(1);
    run Coordinator(2);
    run Faults();
    run Instance(1);
    run Instance(2);
    run Instance(3)
  }
}
