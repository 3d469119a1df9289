/*
 * Baton's ownership and fencing protocol, checked with SPIN. See README, "Model checking the
 * protocol". One parent instance with one sub-workflow task, 2 masters whose leases expire
 * at any point (a paused master wakes up and keeps writing under its old epoch until it
 * notices), adoption by `create_revision == 0` in etcd giving a new epoch, and the MySQL rows
 * with `owner_epoch` that every write is fenced by.
 *
 * Properties:
 *   F1  assertion in every MySQL write that is applied: it is made under the newest epoch
 *       MySQL has recorded (ClaimStore.claim), i.e. no write from a stale epoch is accepted.
 *   F2  assertion when a child row is inserted: (parent, task, attempt) has no child yet.
 *   F3  no invalid end state: the watcher process ends only once the parent ended, so a
 *       reachable state where it has not and no process can act is reported.
 *
 * Mutations (-D...), each must give a trail:
 *   MUTATE_NO_EPOCH_GUARD   InstanceStore writes drop `WHERE owner_epoch = ?` (F1).
 *   MUTATE_NO_UNIQUE_CHILD  InstanceStore.createChild inserts without the UNIQUE
 *                           (parent, task, attempt) lookup (F2).
 */

#define M 2
#ifndef EXPIRIES
#define EXPIRIES 3
#endif

/* states (workflow_instances.state, task_instances.state); ENDED/SUCCESS are terminal */
#define NONE      0
#define SUBMITTED 1
#define RUNNING   3
#define SUCCESS   6

/* ---- etcd: the instance's owner key ---- */
byte rev = 1;          /* the store revision */
byte owner_crev;       /* create_revision of owners/<id>, 0 when absent: the epoch */
byte owner_who;        /* the master whose lease the key is under */
bool lease[M + 1];     /* the master's lease is alive in etcd */

/* ---- MySQL ---- */
byte owner_epoch;      /* workflow_instances.owner_epoch */
byte pstate = SUBMITTED;
byte tstate;           /* task_instances.state of (parent, task, attempt 1) */
bool tchild;           /* the task row records its child's id */
byte children;         /* workflow_instances rows with (parent, task, attempt 1) */
bool child_ended;
byte newest;           /* ghost: the newest epoch ClaimStore.claim recorded */

byte expiries = EXPIRIES;

#ifdef MUTATE_NO_EPOCH_GUARD
#define owned(e) true
#else
#define owned(e) (owner_epoch == e)
#endif

/* InstanceStore.fenced: applied only while the row's owner_epoch is ours (F1 checked);
   zero rows changed means another epoch owns it: OwnershipLostError, drop the instance */
#define fenced_write(guard, effect) \
  if \
  :: owned(e) && (guard) -> assert(e == newest); effect \
  :: else -> e = 0 \
  fi

proctype Master(byte m) {
  byte e, claimed;     /* the epoch this master acts under (0: owns nothing) */
  byte vp, vt;         /* its memory of the parent's and the task's states */
  bool vchild;         /* it knows the child's id */
end:
  do
  /* claimOwnership: create_revision(owner key) == 0 -> put under our lease; epoch = rev */
  :: atomic { e == 0 && claimed == 0 && lease[m] && owner_crev == 0 && pstate != SUCCESS ->
       rev++; owner_crev = rev; owner_who = m; claimed = rev }
  /* ClaimStore.claim: recorded in MySQL only if newer and the instance still needs an owner;
     OwnedInstances then rebuilds the run from MySQL */
  :: atomic { claimed != 0 ->
       if
       :: owner_epoch < claimed && pstate != SUCCESS ->
          owner_epoch = claimed; newest = claimed; e = claimed;
          vp = pstate; vt = tstate; vchild = tchild
       :: else -> skip                          /* moot: a newer claim is recorded */
       fi;
       claimed = 0 }
  /* InstanceLifecycle.toRunning: transitionInstance(SUBMITTED -> RUNNING) */
  :: atomic { e != 0 && vp == SUBMITTED ->
       fenced_write(pstate == SUBMITTED, pstate = RUNNING; vp = RUNNING) }
  /* TaskActions dispatch: insertTask(attempt 1) */
  :: atomic { e != 0 && vp == RUNNING && vt == NONE ->
       fenced_write(tstate == NONE, tstate = SUBMITTED; vt = SUBMITTED) }
  /* startChild -> InstanceStore.createChild: parent row locked where owner_epoch = e, the
     existing child of (parent, task, attempt) returned, else one inserted */
  :: atomic { e != 0 && vt == SUBMITTED && !vchild ->
       fenced_write(true,
#ifdef MUTATE_NO_UNIQUE_CHILD
         assert(children == 0); children++;
#else
         if
         :: children == 0 -> children++
         :: else -> skip                        /* "already exists": re-attach to it */
         fi;
#endif
         vchild = 1) }
  /* startChild -> transitionTask(SUBMITTED -> RUNNING, child id) */
  :: atomic { e != 0 && vt == SUBMITTED && vchild ->
       fenced_write(tstate == SUBMITTED, tstate = RUNNING; tchild = 1; vt = RUNNING) }
  /* checkChild: the child ended -> transitionTask(RUNNING -> SUCCESS) */
  :: atomic { e != 0 && vt == RUNNING && child_ended ->
       fenced_write(tstate == RUNNING, tstate = SUCCESS; vt = SUCCESS) }
  /* InstanceRun.advance -> finish(SUCCESS) -> InstanceLifecycle.commitEnd: transitionInstance(RUNNING -> SUCCESS) */
  :: atomic { e != 0 && vp == RUNNING && vt == SUCCESS ->
       fenced_write(pstate == RUNNING, pstate = SUCCESS; vp = SUCCESS) }
  /* MemberLease.assertFresh fails / the lease is reported lost: the master drops what it
     owns and rejoins under a new lease (before that, a paused master may still write) */
  :: atomic { !lease[m] -> e = 0; claimed = 0; vp = 0; vt = 0; vchild = 0; lease[m] = 1 }
  /* a master that owns nothing forgets its memory of the instance */
  :: atomic { e == 0 && (vp != 0 || vt != 0 || vchild) -> vp = 0; vt = 0; vchild = 0 }
  od
}

/* Faults: a master's lease expires in etcd (its owner key vanishes); the child ends. */
proctype Env() {
end:
  do
  :: atomic { expiries > 0 && lease[1] -> expiries--; lease[1] = 0;
       if :: owner_who == 1 -> owner_crev = 0; owner_who = 0 :: else -> skip fi }
  :: atomic { expiries > 0 && lease[2] -> expiries--; lease[2] = 0;
       if :: owner_who == 2 -> owner_crev = 0; owner_who = 0 :: else -> skip fi }
  :: atomic { children > 0 && !child_ended -> child_ended = 1 }
  od
}

/* F3: the parent ends (the run may end only here; a stuck state is an invalid end state). */
proctype Watcher() {
  pstate == SUCCESS
}

init {
  atomic {
    lease[1] = 1; lease[2] = 1;
    run Master(1);
    run Master(2);
    run Env();
    run Watcher()
  }
}
