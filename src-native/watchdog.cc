#include "watchdog.h"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>


namespace mpi4js::watchdog {

std::atomic<bool> enabled{false};
std::atomic<int> user_ops{0};

namespace {

using Clock = std::chrono::steady_clock;

struct Blocked {
  bool active = false;
  bool reported = false;
  const char* call = "";
  MPI_Comm comm = MPI_COMM_NULL;
  std::string comm_name;  // read when the call began: the communicator may be gone by the report
  int source = kNone, tag = kNone, root = kNone;
  Clock::time_point since;
};

// Per process, as MPI is: one thread watches the blocking calls of the main thread.
std::mutex mutex;
std::condition_variable wake;
Blocked blocked;
bool stopping = false;
double threshold = 0;  // seconds
bool abort_job = false;
bool can_probe = false;  // MPI_THREAD_MULTIPLE: this thread may call MPI
int world_rank = -1;     // cached at Start: below MULTIPLE this thread makes no MPI call
std::thread* thread = nullptr;  // never destroyed: a joinable std::thread at exit would terminate

std::string Arg(const char* name, int value) {
  if (value == kNone) return "";
  std::string v = value == MPI_ANY_SOURCE && std::string(name) == "source" ? "ANY_SOURCE"
                  : value == MPI_ANY_TAG && std::string(name) == "tag"     ? "ANY_TAG"
                  : value == MPI_PROC_NULL                                 ? "PROC_NULL"
                                                                           : std::to_string(value);
  return std::string(name) + "=" + v + ", ";
}

std::string CommName(MPI_Comm comm) {
  char name[MPI_MAX_OBJECT_NAME] = "";
  int len = 0;
  if (comm == MPI_COMM_NULL || MPI_Comm_get_name(comm, name, &len) != MPI_SUCCESS || len == 0) return "a communicator";
  return std::string(name, len);
}

// The first message waiting from each rank of comm, as a matched probe would see it.
std::string Waiting(MPI_Comm comm, bool may_probe) {
  if (!may_probe) return "messages waiting: unknown (MPI thread level below MULTIPLE)";
  if (comm == MPI_COMM_NULL) return "messages waiting: unknown (the communicator was freed)";
  int size = 0;
  if (MPI_Comm_size(comm, &size) != MPI_SUCCESS) return "messages waiting: unknown";
  std::string out;
  for (int source = 0; source < size; ++source) {
    int flag = 0;
    MPI_Status st;
    if (MPI_Iprobe(source, MPI_ANY_TAG, comm, &flag, &st) != MPI_SUCCESS || !flag) continue;
    int bytes = 0;
    MPI_Get_count(&st, MPI_BYTE, &bytes);
    out += (out.empty() ? "" : ", ") + std::string("from ") + std::to_string(st.MPI_SOURCE) + " tag " +
           std::to_string(st.MPI_TAG) + " (" + std::to_string(bytes) + " bytes)";
  }
  return out.empty() ? "nothing is waiting to be received" : "waiting to be received: " + out;
}

// waiting: what Waiting() found, probed while the communicator was sure to exist.
void Print(const char* call, const std::string& comm_name, int source, int tag, int root, double waited,
           const std::string& waiting, bool may_probe) {
  char host[256] = "";
  gethostname(host, sizeof host - 1);
  std::string args = Arg("source", source) + Arg("tag", tag) + Arg("root", root) + "comm=" + comm_name;
  std::string line = "mpi4js watchdog: rank " + std::to_string(world_rank) + " on " + host + " has waited " +
                     std::to_string(waited).substr(0, std::to_string(waited).find('.') + 2) + " s in " + call + "(" +
                     args + "); " + waiting + "\n";
  fputs(line.c_str(), stderr);
  fflush(stderr);
  if (abort_job) {
    fputs("mpi4js watchdog: MPI4JS_WATCHDOG_ABORT is set: aborting the job\n", stderr);
    fflush(stderr);
    // Time for the launcher to forward the report: MPICH's Hydra can tear the job
    // down before it has passed on what the rank wrote just before MPI_Abort.
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    // MPI_Abort from this thread needs MPI_THREAD_MULTIPLE; else end this rank,
    // which mpirun notices and turns into the end of the job.
    if (may_probe) MPI_Abort(MPI_COMM_WORLD, 1);
    raise(SIGKILL);
  }
}

void Run() {
  std::unique_lock<std::mutex> lock(mutex);
  auto period = std::chrono::duration_cast<std::chrono::system_clock::duration>(
      std::chrono::duration<double>(std::min(1.0, threshold / 4)));
  while (!stopping) {
    // system_clock: libstdc++ then uses pthread_cond_timedwait, which every glibc
    // has (steady_clock would need pthread_cond_clockwait, glibc 2.30+).
    wake.wait_until(lock, std::chrono::system_clock::now() + period);
    if (stopping || !blocked.active || blocked.reported) continue;
    double waited = std::chrono::duration<double>(Clock::now() - blocked.since).count();
    if (waited < threshold) continue;
    blocked.reported = true;
    Blocked b = blocked;
    // Probe while holding the lock: the blocked call cannot leave its Scope
    // (Leave takes the lock), so its communicator cannot be freed under the
    // probe. Probes do not block, so the call is held up for microseconds at most.
    std::string waiting = user_ops.load() > 0 ? "messages waiting: unknown (a user reduction op may run)"
                                              : Waiting(b.comm, can_probe);
    lock.unlock();
    Print(b.call, b.comm_name, b.source, b.tag, b.root, waited, waiting, can_probe);
    lock.lock();
  }
}

}  // namespace

void Report(const char* call, MPI_Comm comm, int source, int tag, int root, double waited, bool on_main_thread) {
  bool may_probe = on_main_thread || can_probe;
  Print(call, CommName(comm), source, tag, root, waited, Waiting(comm, may_probe), may_probe);
}

double Threshold() { return threshold; }

void Scope::Enter(const char* call, MPI_Comm comm, int source, int tag, int root) {
  std::string name = CommName(comm);  // on the calling thread, where MPI may be called
  std::lock_guard<std::mutex> lock(mutex);
  blocked = Blocked{true, false, call, comm, std::move(name), source, tag, root, Clock::now()};
  entered_ = true;
}

void Scope::Leave() {
  std::lock_guard<std::mutex> lock(mutex);
  blocked.active = false;
}

void Start(int thread_level) {
  const char* seconds = getenv("MPI4JS_WATCHDOG");
  if (!seconds || !*seconds || thread) return;
  threshold = atof(seconds);
  if (threshold <= 0) return;
  const char* abort_flag = getenv("MPI4JS_WATCHDOG_ABORT");
  abort_job = abort_flag && *abort_flag && std::string(abort_flag) != "0";
  can_probe = thread_level == MPI_THREAD_MULTIPLE;
  MPI_Comm_rank(MPI_COMM_WORLD, &world_rank);
  stopping = false;
  thread = new std::thread(Run);
  enabled = true;
}

void Stop() {
  if (!thread) return;
  enabled = false;
  {
    std::lock_guard<std::mutex> lock(mutex);
    stopping = true;
  }
  wake.notify_all();
  thread->join();
  delete thread;
  thread = nullptr;
}

}  // namespace mpi4js::watchdog
