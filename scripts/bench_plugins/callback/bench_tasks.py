# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""scripts/bench's account of a run: what each task waited for.

Enabled by scripts/bench only (it is not part of the collection).  Writes one
JSON document to $BENCH_TASKS_FILE: for every task, its action, its duration,
and how many times a module ran on a host for it (one per host and per loop
item that was not skipped) or how often it was skipped or ran on the
controller only.  The bench turns that into "N module runs on the host at the
measured round trip" for the targets it misses.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = r"""
name: bench_tasks
type: aggregate
short_description: Per-task account of a run for scripts/bench
description:
  - Writes each task's action, duration and module runs to the file named by BENCH_TASKS_FILE.
requirements:
  - enabled by scripts/bench
"""

# Actions that run on the controller: no module travels to the host.
CONTROLLER_ACTIONS = frozenset([
    "assert", "set_fact", "debug", "fail", "meta", "include_tasks", "include_role",
    "import_tasks", "import_role", "validate_argument_spec", "include_vars", "add_host",
    "group_by", "set_stats", "pause", "noop",
])


def short_action(action):
    return action.rsplit(".", 1)[-1]


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "bench_tasks"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super(CallbackModule, self).__init__()
        self.tasks = []
        self.current = None
        self.started = time.monotonic()

    def _start(self, task):
        self._finish()
        self.current = {
            "name": task.get_name(),
            "action": short_action(task.action),
            "start": time.monotonic(),
            "host_runs": 0,
            "controller_runs": 0,
            "skipped": 0,
        }

    def _finish(self):
        if self.current is not None:
            self.current["seconds"] = round(time.monotonic() - self.current.pop("start"), 3)
            self.tasks.append(self.current)
            self.current = None

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._start(task)

    def v2_playbook_on_handler_task_start(self, task):
        self._start(task)

    def _count(self, result, skipped=False):
        # A loop reports each item, then the whole: count the items only.
        if self.current is None or "results" in getattr(result, "_result", {}):
            return
        if skipped:
            self.current["skipped"] += 1
            return
        delegated = result._task.delegate_to
        if short_action(result._task.action) in CONTROLLER_ACTIONS or delegated in ("localhost", "127.0.0.1"):
            self.current["controller_runs"] += 1
        else:
            self.current["host_runs"] += 1

    def v2_runner_on_ok(self, result):
        self._count(result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._count(result)

    def v2_runner_on_skipped(self, result):
        self._count(result, skipped=True)

    def v2_runner_item_on_ok(self, result):
        self._count(result)

    def v2_runner_item_on_failed(self, result):
        self._count(result)

    def v2_runner_item_on_skipped(self, result):
        self._count(result, skipped=True)

    def v2_playbook_on_stats(self, stats):
        self._finish()
        path = os.environ.get("BENCH_TASKS_FILE")
        if not path:
            return
        with open(path, "w") as handle:
            json.dump({"seconds": round(time.monotonic() - self.started, 3), "tasks": self.tasks}, handle, indent=1)
