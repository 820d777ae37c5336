"""What the faults scenario's tests share: the hosts, playbook runs that can
be cut short, and the small programs that inject faults on a host (each run
with `docker exec`, in the background when it must outlive the call)."""

import os
import pathlib
import signal
import subprocess
import time

import pytest
import testinfra

JITSI_HOSTS = ["faults-bookworm", "faults-trixie"]
MIRROR_HOST = "faults-mirror"

# Waits until one of the Jitsi packages is being unpacked or configured (its
# dpkg status is neither installed nor absent, as dpkg records it in its
# journal before touching the package's files), then either kills dpkg
# (argv[1] == "kill") or reports and exits ("report"). It polls every 2 ms:
# the stand-ins unpack in a few.
DPKG_WATCH = r"""
import os, re, signal, sys, time
mode, deadline = sys.argv[1], time.monotonic() + float(sys.argv[2])
busy = re.compile(r"^Package: (jitsi-[a-z0-9.+-]+|jicofo)\n(?:[^\n]+\n)*?Status: \S+ \S+ (half-installed|unpacked|half-configured)$", re.M)
seen = {}
def journal():
    texts = []
    try:
        names = os.listdir("/var/lib/dpkg/updates")
    except OSError:
        names = []
    for name in names:
        if name.isdigit():
            try:
                texts.append(open("/var/lib/dpkg/updates/" + name).read())
            except OSError:
                pass
    mtime = os.stat("/var/lib/dpkg/status").st_mtime_ns
    if seen.get("mtime") != mtime:
        seen["mtime"], seen["status"] = mtime, open("/var/lib/dpkg/status").read()
    return "\n".join(texts + [seen["status"]])
def dpkg_pids():
    pids = []
    for pid in os.listdir("/proc"):
        try:
            if pid.isdigit() and open("/proc/%s/comm" % pid).read().strip() == "dpkg":
                pids.append(int(pid))
        except OSError:
            pass
    return pids
while time.monotonic() < deadline:
    match = busy.search(journal())
    if match:
        pids = dpkg_pids()
        if mode == "report":
            print("%s %s" % match.groups(), flush=True)
            sys.exit(0)
        if pids:
            for pid in pids:
                os.kill(pid, signal.SIGKILL)
            with open("/run/faults-dpkg-killed", "w") as out:
                out.write("%s %s %s %.3f\n" % (match.group(1), match.group(2), ",".join(map(str, pids)), time.time()))
            sys.exit(0)
    time.sleep(0.002)
sys.exit("no Jitsi package was unpacked in time")
"""

# Holds dpkg's two locks (the frontend lock apt takes, then dpkg's own) for
# argv[1] seconds, as an unattended upgrade would, then notes when it let go.
DPKG_LOCK = r"""
import fcntl, os, sys, time
handles = [open(path, "w") for path in ("/var/lib/dpkg/lock-frontend", "/var/lib/dpkg/lock")]
for handle in handles:
    fcntl.lockf(handle, fcntl.LOCK_EX)
open("/run/faults-lock-taken", "w").write("%.3f\n" % time.time())
deadline = time.monotonic() + float(sys.argv[1])
def configure_tried():
    for pid in os.listdir("/proc"):
        try:
            if pid.isdigit() and open("/proc/%s/cmdline" % pid, "rb").read().startswith(b"dpkg\0--configure"):
                return True
        except OSError:
            pass
    return False
if len(sys.argv) > 2 and sys.argv[2] == "until-configure":
    # Held until a `dpkg --configure` has met the lock (it fails at once and
    # is retried), however long the run takes to get there on a busy machine.
    while time.monotonic() < deadline and not configure_tried():
        time.sleep(0.005)
    time.sleep(1)
else:
    time.sleep(max(0, deadline - time.monotonic()))
open("/run/faults-lock-released", "w").write("%.3f\n" % time.time())
"""

# Cuts the host off from the mirror as soon as the meet role has started
# (its first change is debconf's answer for the bridge's host name), after
# the repository step.
MIRROR_CUT = r"""
import os, socket, subprocess, sys, time
deadline = time.monotonic() + float(sys.argv[1])
while b"jitsi-videobridge/jvb-hostname" not in open("/var/cache/debconf/config.dat", "rb").read():
    if time.monotonic() > deadline:
        sys.exit("the meet role did not start in time")
    time.sleep(0.05)
address = socket.gethostbyname("mirror.jitsi.test")
subprocess.run(["nft", "-f", "-"], check=True, text=True, input=
    "table inet faults_mirror_down {\n chain output {\n  type filter hook output priority filter;\n"
    "  ip daddr %s tcp dport 443 reject with tcp reset\n }\n}\n" % address)
open("/run/faults-mirror-cut", "w").write("%.3f\n" % time.time())
"""


def project_dir():
    return pathlib.Path(os.environ.get("SELFHOSTED_JITSI_ROOT") or os.environ["MOLECULE_PROJECT_DIRECTORY"])


def mirror_build():
    return project_dir() / ".cache" / "mirror" / "current"


@pytest.fixture(scope="session")
def versions():
    return (mirror_build() / "jitsi-meet-versions").read_text().split()


@pytest.fixture(scope="session")
def hosts():
    return {name: testinfra.get_host(f"docker://{name}") for name in JITSI_HOSTS}


@pytest.fixture(scope="session")
def mirror_host():
    return testinfra.get_host(f"docker://{MIRROR_HOST}")


def playbook_command(playbook, *extra, limit=None):
    command = ["ansible-playbook", "-i", os.environ["MOLECULE_INVENTORY_FILE"], playbook, *extra]
    if limit:
        command += ["--limit", limit]
    return command


def playbook_env():
    return {**os.environ, "ANSIBLE_NOCOLOR": "1", "ANSIBLE_FORCE_COLOR": "0"}


def run_playbook(playbook, *extra, limit=None):
    """Runs a playbook against the scenario's inventory; returns (rc, output on one line)."""
    result = subprocess.run(playbook_command(playbook, *extra, limit=limit), capture_output=True, text=True,
                            check=False, env=playbook_env())
    return result.returncode, " ".join((result.stdout + result.stderr).split())


def start_playbook(log, playbook, *extra, limit=None):
    """Starts a playbook in a process group of its own, so that it can be
    killed whole, writing its output to the file log."""
    with open(log, "w", encoding="utf-8") as output:
        return subprocess.Popen(playbook_command(playbook, *extra, limit=limit), stdout=output,
                                stderr=subprocess.STDOUT, env=playbook_env(), start_new_session=True)


def kill_playbook(process):
    os.killpg(process.pid, signal.SIGKILL)


def recap(output, name):
    """The PLAY RECAP counters of one host, as a dict."""
    marker = output.rindex(f"{name} : ")
    fields = output[marker:].split(" : ", 1)[1].split()
    return {key: int(value) for key, value in (field.split("=") for field in fields[:7])}


def docker_exec(name, *argv, background=False, stdin=None):
    """Runs argv in a container; in the background it outlives this call."""
    command = ["docker", "exec"] + (["-d"] if background else []) + (["-i"] if stdin else []) + [name, *argv]
    return subprocess.run(command, capture_output=True, text=True, check=True, input=stdin).stdout


def start_on_host(name, script, *args):
    """Starts one of the fault programs above in the container, in the background."""
    docker_exec(name, "python3", "-c", script, *map(str, args), background=True)


def watch_dpkg(name, timeout):
    """Starts DPKG_WATCH in report mode; its stdout gets a line once a Jitsi package unpacks."""
    return subprocess.Popen(["docker", "exec", name, "python3", "-c", DPKG_WATCH, "report", str(timeout)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(predicate, timeout, interval=1.0):
    """True once predicate() holds, polled every interval seconds for up to timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def dpkg_idle(host):
    """No apt-get, apt or dpkg process runs on the host."""
    return host.run("pgrep -x 'apt-get|apt|dpkg'").rc == 1


def assert_apt_consistent(host):
    """dpkg --audit finds nothing and apt-get update works for every source."""
    audit = host.run("dpkg --audit")
    assert audit.rc == 0 and audit.stdout.strip() == "", audit.stdout
    update = host.run("LANG=C apt-get update")
    output = update.stdout + update.stderr
    assert update.rc == 0, output
    for problem in ("NO_PUBKEY", "is not signed", "Failed to fetch", "E:"):
        assert problem not in output, output
