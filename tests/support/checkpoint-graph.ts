// Child process for the checkpoint resume tests. Opens the store, builds a small graph on the CRM
// checkpointer and drives one leg of thread <thread>:
//
//   node --import tsx tests/support/checkpoint-graph.ts <command> <store> <thread> <trace> [arg]
//
//   <store>    embedded:<data dir> | postgres:<url>
//   <command>  start            run from the input until the interrupt (or the end)
//              start-and-hang   the same, but draft_b waits forever once draft_a's writes are
//                               saved; it prints "HANGING" and waits to be killed
//              continue         run again from the last checkpoint (after a crash)
//              resume <json>    answer the interrupt with Command({ resume })
//              setup            only create the checkpointer (setup race test)
//   <trace>    file that gets one line per node execution (survives SIGKILL, unlike state)
//
// Prints one JSON line: { values, next, interrupts } of the thread after the leg.
import { Annotation, Command, END, START, StateGraph, interrupt } from "@langchain/langgraph";
import { appendFileSync } from "node:fs";
import { migrate, openStore } from "../../db/index.ts";
import { createCheckpointer } from "../../memory/checkpoint/index.ts";

const [command = "", storeSpec = "", threadId = "", trace = "", arg] = process.argv.slice(2);

const State = Annotation.Root({
  topic: Annotation<string>,
  /** One entry per node that completed (state survives only what was checkpointed). */
  log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
  decision: Annotation<string | null>({ reducer: (_, b) => b, default: () => null }),
});
type S = typeof State.State;

const [kind, ...rest] = storeSpec.split(":");
const target = rest.join(":");
const store = await openStore(
  kind === "embedded" ? { kind: "embedded", dataDir: target } : { kind: "postgres", url: target },
);
// setup: only the checkpointer's own setup, so that starters race on it rather than on migrate()
if (command !== "setup") await migrate(store.sql);
const checkpointer = await createCheckpointer(store);
if (command === "setup") {
  console.log(JSON.stringify({ ok: true }));
  await store.close();
  process.exit(0);
}

const config = { configurable: { thread_id: threadId }, durability: "sync" as const };
const ran = (node: string) => appendFileSync(trace, `${node}\n`);
const hanging = command === "start-and-hang";

async function draftB(): Promise<Partial<S>> {
  ran("draft_b");
  if (hanging) {
    // Wait until draft_a's writes of this superstep are saved, then stall until killed.
    for (;;) {
      const tuple = await checkpointer.getTuple({ configurable: { thread_id: threadId } });
      if (
        tuple?.pendingWrites?.some(([, channel, value]) => channel === "log" && String(value) === "draft_a")
      )
        break;
      await new Promise((r) => setTimeout(r, 20));
    }
    console.log("HANGING");
    await new Promise(() => {});
  }
  return { log: ["draft_b"] };
}

const graph = new StateGraph(State)
  .addNode("research", async (s: S) => (ran("research"), { log: [`research:${s.topic}`] }))
  .addNode("draft_a", async () => (ran("draft_a"), { log: ["draft_a"] }))
  .addNode("draft_b", draftB)
  .addNode("approve", async () => {
    ran("approve"); // runs again on resume: the interrupted node restarts from its beginning
    const decision = interrupt<{ question: string }, string>({ question: "Send the drafts?" });
    return { log: ["approve"], decision };
  })
  .addNode("finish", async () => (ran("finish"), { log: ["finish"] }))
  .addEdge(START, "research")
  .addEdge("research", "draft_a")
  .addEdge("research", "draft_b")
  .addEdge(["draft_a", "draft_b"], "approve")
  .addEdge("approve", "finish")
  .addEdge("finish", END)
  .compile({ checkpointer });

if (command === "resume") await graph.invoke(new Command({ resume: JSON.parse(arg ?? "null") }), config);
else await graph.invoke(command === "continue" ? null : { topic: arg ?? "renewal" }, config);
const snapshot = await graph.getState(config);
console.log(
  JSON.stringify({
    values: snapshot.values,
    next: snapshot.next,
    interrupts: snapshot.tasks.flatMap((t) => t.interrupts.map((i) => i.value)),
  }),
);
await store.close();
