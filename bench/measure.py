"""Measure one command as a whole process tree: wall and CPU time, peak memory, what it wrote.

`run()` starts the command in a session of its own and samples every process of its tree (the
command and all its descendants) every 50 ms with psutil. Two peaks come out of the samples:

- peak RSS, the largest SUM of resident set sizes over the tree. A worker made by fork shares
  its parent's pages copy-on-write, and RSS counts such a page in every process that maps it,
  so this sum overstates what a forked build really holds.
- peak PSS, the largest sum of proportional set sizes (the kernel's smaps_rollup, through
  psutil's memory_full_info): a page shared by n processes counts 1/n in each, so the sum counts
  it once. This is the tree's real footprint. Reading it costs the kernel a walk of the page
  tables, so it is read less often (see _Sampler: about every 0.3 s for a 300 MB tree, every
  few seconds for several GB) and may miss a short peak; the RSS sum, read every 50 ms, is
  never below the PSS sum of the same moment, so it bounds the PSS peak from above.

CPU time is user + system time from the rusage that os.wait4 returns for the command: the kernel
adds each descendant's time into it when the descendant is waited for, so workers that the build
joins are included, and nothing the benchmark itself does is. Descendants that nobody waits for
(a daemon that outlives the build) would be missed; Pelican, its pools and Pagefind wait for
theirs. A peak shorter than one sampling interval may be missed; the kernel's own peak of the
largest single process (`largest_process`, from the same rusage) is a floor for the RSS sum, so
the reported RSS peak is never below it.

A later `bench rebuild` reuses all of this.
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psutil

SAMPLE_SECONDS = 0.05
# The memory timeline kept in the figures: one point a second is enough to see where the peak
# falls against the stage times, and keeps a long run's JSON small.
TIMELINE_SECONDS = 1.0
# The share of one core that reading PSS may take; see _Sampler.
PSS_SHARE = 0.04
# After SIGTERM, how long a stopped command may take to exit before SIGKILL.
STOP_GRACE_SECONDS = 10.0


@dataclass
class Measurement:
    """What one command cost. Memory is in bytes, times in seconds."""

    command: list[str]
    returncode: int | None  # None: stopped at its time limit
    wall: float
    user: float
    system: float
    peak_rss: int  # never below largest_process: the sum is at least its largest part
    peak_pss: int | None  # None: smaps_rollup could not be read for every process
    largest_process: int  # the kernel's ru_maxrss: peak RSS of the biggest single process
    peak_processes: int
    samples: int
    pss_reads: int
    sampled_peak_rss: int  # the largest sum the samples saw
    sampler_cpu: float  # the benchmark's own CPU time spent sampling, to judge its overhead
    timed_out: bool = False
    limit: float | None = None
    timeline: list[tuple[float, int, int | None, int]] = field(default_factory=list)

    @property
    def cpu(self) -> float:
        return self.user + self.system

    @property
    def finished(self) -> bool:
        return self.returncode is not None

    @property
    def ok(self) -> bool:
        return self.returncode == 0


class _Sampler:
    """Sums memory over a process tree at each call and keeps the peaks.

    RSS is read at every call (statm, microseconds). PSS is not: the kernel walks a process's
    page tables to add it up, about 40 ms per GB, which every 50 ms would take a core from the
    build being measured. So PSS is read as often as PSS_SHARE of one core allows, and the
    figures say how often that was.
    """

    def __init__(self, root: int) -> None:
        self.root = root
        self.known: dict[int, psutil.Process] = {}
        self.peak_rss = 0
        self.peak_pss = 0
        self.pss_complete = True
        self.pss_reads = 0
        self.next_pss = 0.0
        self.last_pss: int | None = None
        self.peak_processes = 0
        self.samples = 0
        self.timeline: list[tuple[float, int, int | None, int]] = []
        self.next_point = 0.0

    def _tree(self) -> list[psutil.Process]:
        pids = [self.root]
        for pid in pids:  # grows as it goes: children, then theirs
            pids.extend(_child_pids(pid))
        tree = []
        for pid in pids:
            if pid not in self.known:
                try:
                    self.known[pid] = psutil.Process(pid)
                except psutil.NoSuchProcess:
                    continue
            tree.append(self.known[pid])
        # A pid seen before but gone now may come back as another process: forget it.
        for pid in set(self.known) - set(pids):
            del self.known[pid]
        return tree

    def sample(self, elapsed: float) -> None:
        tree = self._tree()
        rss = 0
        for process in tree:
            try:
                rss += process.memory_info().rss
            except psutil.NoSuchProcess:
                continue  # it exited between listing the tree and reading it
        self.samples += 1
        self.peak_rss = max(self.peak_rss, rss)
        self.peak_processes = max(self.peak_processes, len(tree))
        started = time.perf_counter()
        if started >= self.next_pss:
            self.last_pss = self._pss(tree)
            took = time.perf_counter() - started
            self.next_pss = started + took / PSS_SHARE
        if elapsed >= self.next_point:
            self.timeline.append((round(elapsed, 2), rss, self.last_pss, len(tree)))
            self.next_point = elapsed + TIMELINE_SECONDS

    def _pss(self, tree: list[psutil.Process]) -> int | None:
        pss = 0
        for process in tree:
            try:
                pss += process.memory_full_info().pss
            except psutil.NoSuchProcess:
                continue
            except psutil.AccessDenied:
                # smaps_rollup of another user's process; our own children never are.
                self.pss_complete = False
                return None
        self.pss_reads += 1
        self.peak_pss = max(self.peak_pss, pss)
        return pss


def _child_pids(pid: int) -> list[int]:
    """The children of `pid`, from each of its threads' /proc children list.

    Much cheaper than psutil's children(), which reads every process on the machine to find
    the parents. Kernels built without CONFIG_PROC_CHILDREN have no such file: psutil then.
    """
    if not _HAS_CHILDREN_FILES:
        try:
            return [child.pid for child in psutil.Process(pid).children()]
        except psutil.NoSuchProcess:
            return []
    found: list[int] = []
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except FileNotFoundError:
        return found
    for thread in threads:
        try:
            with open(f"/proc/{pid}/task/{thread}/children", encoding="ascii") as listing:
                found.extend(int(child) for child in listing.read().split())
        except FileNotFoundError:
            continue  # the thread or the process ended meanwhile
    return found


_HAS_CHILDREN_FILES = os.path.exists(f"/proc/{os.getpid()}/task/{os.getpid()}/children")


def _stop_group(pid: int) -> tuple[int, resource.struct_rusage]:
    """End the command's whole session (it is the group leader), politely first."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    while time.monotonic() < deadline:
        reaped, status, usage = os.wait4(pid, os.WNOHANG)
        if reaped:
            break
        time.sleep(SAMPLE_SECONDS)
    else:
        os.killpg(pid, signal.SIGKILL)
        _, status, usage = os.wait4(pid, 0)
    # Workers whose parent died first are still in the group; none may outlive the benchmark.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)
    return status, usage


def measured_environment(env: Mapping[str, str] | None) -> dict[str, str]:
    """The environment a measured command runs in: `env` (this process's when None), with
    Python's bytecode cache on, as it is by default. The baselines' packages are installed and
    were compiled when pip installed them; Warta runs from this checkout, and in a shell that
    sets PYTHONDONTWRITEBYTECODE (as some sandboxes and CI images do) it alone would compile
    its modules again on every run: 0.15 s of every build's start-up, measured at 100,000
    stories, most of it in a "nothing changed" build that does little else."""
    found = dict(os.environ if env is None else env)
    found.pop("PYTHONDONTWRITEBYTECODE", None)
    return found


def run(
    command: Sequence[str],
    *,
    cwd: Path,
    log: Path,
    env: Mapping[str, str] | None = None,
    limit: float | None = None,
) -> Measurement:
    """Run `command` in `cwd` with its output in `log`, sampling its process tree.

    With a `limit` (seconds) the command is stopped when it runs past it; without one it always
    runs to the end.
    """
    own_before = resource.getrusage(resource.RUSAGE_SELF)
    with log.open("wb") as sink:
        started = time.perf_counter()
        # A session of its own, so that the tree can be stopped as one group and the terminal's
        # Ctrl-C reaches only the benchmark, which then stops the tree itself.
        process = subprocess.Popen(  # noqa: S603 - our own commands, built from fixed parts
            list(command),
            cwd=cwd,
            env=measured_environment(env),
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        sampler = _Sampler(process.pid)
        timed_out = False
        try:
            tick = started
            while True:
                # wait4, not Popen.wait: it hands back the rusage of the command and of every
                # descendant it waited for, which is the tree's CPU time.
                reaped, status, usage = os.wait4(process.pid, os.WNOHANG)
                if reaped:
                    break
                now = time.perf_counter()
                sampler.sample(now - started)
                if limit is not None and now - started > limit:
                    timed_out = True
                    status, usage = _stop_group(process.pid)
                    break
                # Keep the cadence; after a slow sample (a long PSS read), wait a full interval
                # rather than catch up with a burst of samples.
                tick += SAMPLE_SECONDS
                late = time.perf_counter()
                if tick < late:
                    tick = late + SAMPLE_SECONDS
                time.sleep(tick - late)
        except BaseException:
            # Interrupted (Ctrl-C) or failed while sampling: the tree must not run on unseen.
            with contextlib.suppress(ChildProcessError):  # unless it has been reaped already
                _stop_group(process.pid)
            raise
        wall = time.perf_counter() - started
        # Popen did not reap the process itself; tell it, so that it never waits for it again.
        process.returncode = os.waitstatus_to_exitcode(status)
    own_after = resource.getrusage(resource.RUSAGE_SELF)
    sampler_cpu = (own_after.ru_utime - own_before.ru_utime) + (
        own_after.ru_stime - own_before.ru_stime
    )
    return Measurement(
        command=list(command),
        returncode=None if timed_out else process.returncode,
        wall=wall,
        user=usage.ru_utime,
        system=usage.ru_stime,
        peak_rss=max(sampler.peak_rss, usage.ru_maxrss * 1024),
        peak_pss=sampler.peak_pss if sampler.pss_complete and sampler.pss_reads else None,
        largest_process=usage.ru_maxrss * 1024,  # Linux reports kilobytes
        peak_processes=sampler.peak_processes,
        samples=sampler.samples,
        pss_reads=sampler.pss_reads,
        sampled_peak_rss=sampler.peak_rss,
        sampler_cpu=sampler_cpu,
        timed_out=timed_out,
        limit=limit,
        timeline=sampler.timeline,
    )


def one_after_another(first: Measurement, second: Measurement) -> Measurement:
    """Two commands run in turn as one: times add up, and the peak is the larger one."""
    pss = None
    if first.peak_pss is not None and second.peak_pss is not None:
        pss = max(first.peak_pss, second.peak_pss)
    return Measurement(
        command=[*first.command, "&&", *second.command],
        returncode=second.returncode if first.ok else first.returncode,
        wall=first.wall + second.wall,
        user=first.user + second.user,
        system=first.system + second.system,
        peak_rss=max(first.peak_rss, second.peak_rss),
        peak_pss=pss,
        largest_process=max(first.largest_process, second.largest_process),
        peak_processes=max(first.peak_processes, second.peak_processes),
        samples=first.samples + second.samples,
        pss_reads=first.pss_reads + second.pss_reads,
        sampled_peak_rss=max(first.sampled_peak_rss, second.sampled_peak_rss),
        sampler_cpu=first.sampler_cpu + second.sampler_cpu,
        timed_out=first.timed_out or second.timed_out,
        limit=first.limit,
        timeline=[
            *first.timeline,
            *((round(t + first.wall, 2), rss, pss_, n) for t, rss, pss_, n in second.timeline),
        ],
    )


@dataclass(frozen=True)
class Output:
    """How much a build wrote."""

    files: int
    bytes: int


def output_size(folder: Path) -> Output:
    """Files and bytes under `folder` (apparent sizes, as a host would store and serve them)."""
    files = size = 0
    for directory, _, names in os.walk(folder):
        for name in names:
            files += 1
            size += os.lstat(os.path.join(directory, name)).st_size
    return Output(files, size)


# Deleting files between timed builds would time the deletion's aftermath instead of the next
# build. On ext4 without a journal (this machine's root file system: no /proc/fs/jbd2 entry),
# the inode allocator skips every inode deleted in the last 60 s (360 s while its inode table
# block is still dirty), reading each one's deletion time to do so (`recently_deleted` in
# fs/ext4/ialloc.c, checked only when there is no journal). After `rm -rf` of a 10,000-story
# output, creating 20,000 files took 14-18 s of system time, against 1-3.5 s otherwise; `perf`
# put 80 % of it in `recently_deleted` and the buffer lookups it makes. The build that came
# next paid for the last one's clean-up, and which one that was depended on the order of the
# benchmark, not on the generator. So what a benchmark is done with is set aside by a rename
# (instant, frees no inode) and deleted once the timing is over (`empty_trash`).
_TRASH = ".bench-trash"
_trash_folders: set[Path] = set()


def set_aside(path: Path) -> None:
    """Take `path` (a file or folder, if it exists) out of the way without deleting it: into a
    trash folder beside it, emptied by `empty_trash`."""
    if not path.exists() and not path.is_symlink():
        return
    trash = path.parent / _TRASH
    trash.mkdir(exist_ok=True)
    _trash_folders.add(trash)
    path.rename(trash / f"{path.name}-{time.time_ns()}")


def empty_trash() -> None:
    """Delete what `set_aside` took out of the way: once no build is being timed."""
    for trash in sorted(_trash_folders):
        shutil.rmtree(trash, ignore_errors=True)
    _trash_folders.clear()
