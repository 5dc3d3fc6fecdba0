// Development mailbox: where the local auth service "sends" one-time codes. In memory only.
export interface Mail {
  id: number;
  to: string;
  subject: string;
  code: string;
  sentAt: string;
}

export class Mailbox {
  #mails: Mail[] = [];
  #next = 1;
  readonly limit: number;
  constructor(limit = 1000) {
    this.limit = limit;
  }

  deliver(to: string, code: string, ttlSeconds: number): Mail {
    const mail: Mail = {
      id: this.#next++,
      to,
      code,
      subject: `Your Open Results sign-in code: ${code} (valid ${Math.round(ttlSeconds / 60) || 1} min)`,
      sentAt: new Date().toISOString(),
    };
    this.#mails.push(mail);
    if (this.#mails.length > this.limit) this.#mails.shift();
    return mail;
  }

  /** Newest first; optionally for one address. */
  list(email?: string): Mail[] {
    const wanted = email?.trim().toLowerCase();
    return this.#mails.filter((m) => !wanted || m.to === wanted).reverse();
  }

  latest(email: string): Mail | undefined {
    return this.list(email)[0];
  }
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function mailboxHtml(mails: Mail[], email?: string): string {
  const rows = mails
    .map(
      (m) => `<tr><td><time datetime="${esc(m.sentAt)}">${esc(m.sentAt.replace('T', ' ').slice(0, 19))} UTC</time></td>` +
        `<td>${esc(m.to)}</td><td><code class="code">${esc(m.code)}</code></td><td>${esc(m.subject)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dev mailbox — local Supabase stand-in</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:2rem;max-width:70rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #888;padding:.4rem .6rem;text-align:left}
.code{font-size:1.25rem;letter-spacing:.15em}.warn{background:#fff3cd;border:1px solid #8a6d00;padding:.5rem 1rem}
a{color:#0645ad}
</style>
</head>
<body>
<main>
<h1>Dev mailbox</h1>
<p class="warn">Development only: one-time sign-in codes the local auth stand-in would have emailed. Never use this stack in production.</p>
<form method="get" action="/mailbox">
<label for="email">Show codes for address</label>
<input id="email" name="email" type="email" value="${esc(email ?? '')}" autocomplete="off">
<button type="submit">Filter</button> <a href="/mailbox">Show all</a>
</form>
<p><a href="">Refresh</a> (newest first, ${mails.length} message${mails.length === 1 ? '' : 's'})</p>
<table>
<caption>Sent codes</caption>
<thead><tr><th scope="col">Sent</th><th scope="col">To</th><th scope="col">Code</th><th scope="col">Subject</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="4">No codes sent yet.</td></tr>'}
</tbody>
</table>
</main>
</body>
</html>
`;
}
