// Connects to a Slate server's /events namespace with socket.io-client 4 (the client Kitsu
// uses) in every way Kitsu or a script may: bearer header or access cookie, polling only,
// websocket only, and polling upgraded to websocket. Each connection must receive the events
// of a status change and a comment made over HTTP, and a bad token must be refused.
// Prints one line per check; exits 0 only when all of them hold.
//
// Environment: SLATE_URL (http://host:port), SLATE_TOKEN (a member of the task's project),
// SLATE_TASK_ID, SLATE_STATUS_ID (the status the comments set: Zou sends task:update even when
// the task already has it).
import { io } from "socket.io-client";

const url = process.env.SLATE_URL;
const token = process.env.SLATE_TOKEN;
const taskId = process.env.SLATE_TASK_ID;
const statusId = process.env.SLATE_STATUS_ID;
if (!url || !token || !taskId || !statusId) {
    console.error("Set SLATE_URL, SLATE_TOKEN, SLATE_TASK_ID and SLATE_STATUS_ID.");
    process.exit(2);
}
const patience = 15000;
let comments = 0;

function withTimeout(promise, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), patience);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function connect(options) {
    return io(`${url}/events`, { reconnection: false, forceNew: true, ...options });
}

function connected(socket) {
    return new Promise((resolve, reject) => {
        socket.once("connect", resolve);
        socket.once("connect_error", reject);
    });
}

// A comment with a status: Zou sends task:update (the status) and comment:new.
async function comment() {
    comments++;
    const response = await fetch(`${url}/api/actions/tasks/${taskId}/comment`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ task_status_id: statusId, comment: `checked by socket.io-client (${comments})` }),
    });
    if (response.status !== 201) throw new Error(`commenting answered ${response.status}: ${await response.text()}`);
    return (await response.json()).id;
}

// Both events of one comment made over HTTP, received on this socket.
async function receivesCommentEvents(socket) {
    const taskUpdated = new Promise((resolve) => socket.on("task:update", (data) => data.task_id === taskId && resolve(data)));
    const commented = new Promise((resolve) => socket.on("comment:new", (data) => resolve(data)));
    const commentId = await comment();
    const [update, created] = await withTimeout(Promise.all([taskUpdated, commented]), "task:update and comment:new");
    if (created.comment_id !== commentId) throw new Error(`comment:new for ${created.comment_id}, expected ${commentId}`);
    if ("id" in update || "id" in created) throw new Error("an event carries the api_event id");
}

async function check(options, expectedTransport) {
    const socket = connect(options);
    try {
        await withTimeout(connected(socket), "the connection");
        if (expectedTransport === "websocket" && socket.io.engine.transport.name !== "websocket") {
            await withTimeout(new Promise((resolve) => socket.io.engine.once("upgrade", resolve)), "the upgrade to websocket");
        }
        await receivesCommentEvents(socket);
        const transport = socket.io.engine.transport.name;
        if (transport !== expectedTransport) throw new Error(`transport is ${transport}, expected ${expectedTransport}`);
        return `connected, received task:update and comment:new over ${transport}`;
    } finally {
        socket.disconnect();
    }
}

async function refused(options) {
    const socket = connect(options);
    try {
        await withTimeout(connected(socket), "the refusal").then(
            () => { throw new Error("connected with a bad token"); },
            (error) => {
                if (error.message !== "Connection rejected by server") throw new Error(`not refused as Zou refuses: ${error.message}`);
            });
        return 'refused with "Connection rejected by server"';
    } finally {
        socket.disconnect();
    }
}

const bearer = { extraHeaders: { Authorization: `Bearer ${token}` } };
const badToken = { extraHeaders: { Authorization: "Bearer not-a-token" } };
const checks = {
    "bearer, polling only": () => check({ ...bearer, transports: ["polling"] }, "polling"),
    "bearer, websocket only": () => check({ ...bearer, transports: ["websocket"] }, "websocket"),
    "bearer, polling upgraded to websocket": () => check(bearer, "websocket"),
    "access_token_cookie, as Kitsu": () => check({ extraHeaders: { Cookie: `access_token_cookie=${token}` } }, "websocket"),
    "bad token, polling": () => refused({ ...badToken, transports: ["polling"] }),
    "bad token, websocket": () => refused({ ...badToken, transports: ["websocket"] }),
};
let failed = false;
for (const [name, run] of Object.entries(checks)) {
    try {
        console.log(`ok ${name}: ${await run()}`);
    } catch (error) {
        failed = true;
        console.log(`FAILED ${name}: ${error.stack ?? error}`);
    }
}
console.log(failed ? "some checks failed" : "all checks passed");
process.exit(failed ? 1 : 0);
