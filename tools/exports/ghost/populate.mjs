// Fills a fresh Ghost 5 through its Admin API: an owner, tags, newsletters, posts written in
// Lexical (Ghost's editor format; Ghost renders their HTML), uploaded images, members.
// Run by make_export.sh; prints the ids the SQL step needs as shell assignments.
//   node populate.mjs http://127.0.0.1:2390 IMAGES_DIR
import {readFileSync} from 'node:fs';
import {join} from 'node:path';

const [site, imagesDir] = process.argv.slice(2);
const api = `${site}/ghost/api/admin`;
let cookie = '';

async function call(method, path, body, {form} = {}) {
    const headers = {Origin: site, 'Accept-Version': 'v5.0'};
    if (cookie) headers.Cookie = cookie;
    let payload;
    if (form) {
        payload = form;
    } else if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        payload = JSON.stringify(body);
    }
    const response = await fetch(`${api}${path}`, {method, headers, body: payload});
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0];
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
    return text.startsWith('{') ? JSON.parse(text) : {};
}

// Lexical nodes, as Ghost's editor saves them.
const text = (t, format = 0) => ({detail: 0, format, mode: 'normal', style: '', text: t, type: 'extended-text', version: 1});
const block = (type, children, extra = {}) => ({children, direction: 'ltr', format: '', indent: 0, type, version: 1, ...extra});
const p = (...children) => block('paragraph', children.map(c => (typeof c === 'string' ? text(c) : c)));
const h = (tag, t) => block('extended-heading', [text(t)], {tag});
const quote = t => block('extended-quote', [text(t)]);
const link = (url, t) => block('link', [text(t)], {rel: null, target: null, title: null, url});
const list = (kind, items) => block('list', items.map((t, i) => block('listitem', [text(t)], {value: i + 1})), {listType: kind, start: 1, tag: kind === 'number' ? 'ol' : 'ul'});
const image = (src, alt, caption) => ({type: 'image', version: 1, src, width: 240, height: 160, title: '', alt, caption, cardWidth: 'regular', href: ''});
const youtube = (id, caption) => ({
    type: 'embed', version: 1, url: `https://www.youtube.com/watch?v=${id}`, embedType: 'video', caption,
    html: `<iframe width="200" height="113" src="https://www.youtube.com/embed/${id}?feature=oembed" frameborder="0" allowfullscreen title="Harbour film"></iframe>`,
    metadata: {title: 'Harbour film', author_name: 'Port Authority', type: 'video', provider_name: 'YouTube'}
});
const bookmark = (url, title) => ({
    type: 'bookmark', version: 1, url, caption: '',
    metadata: {icon: '', title, description: 'The council’s published minutes.', author: '', publisher: 'Harbour Council', thumbnail: ''}
});
const doc = (...children) => JSON.stringify({root: block('root', children)});

async function upload(name) {
    const form = new FormData();
    form.append('file', new Blob([readFileSync(join(imagesDir, name))], {type: 'image/jpeg'}), name);
    form.append('purpose', 'image');
    form.append('ref', name);
    const result = await call('POST', '/images/upload/', undefined, {form});
    return result.images[0].url;
}

await call('POST', '/authentication/setup/', {setup: [{
    name: 'Ada Reed', email: 'ada@harbour-gazette.test', password: 'Tide-Lantern-4817-Kelp', blogTitle: 'The Harbour Gazette'
}]});
await call('POST', '/session/', {username: 'ada@harbour-gazette.test', password: 'Tide-Lantern-4817-Kelp'});
const owner = (await call('GET', '/users/me/')).users[0];

const weekend = (await call('POST', '/newsletters/', {newsletters: [{name: 'The Weekend Read', description: 'Long reads on Saturday.'}]})).newsletters[0];
const newsletters = (await call('GET', '/newsletters/?limit=all')).newsletters;
const daily = newsletters.find(n => n.id !== weekend.id);
const tiers = (await call('GET', '/tiers/?filter=type:paid&limit=all')).tiers;

const quay = await upload('quay.jpg');
const ferry = await upload('ferry.jpg');
const market = await upload('market.jpg');
const cafe = await upload('cafe.jpg');

const posts = [
    {title: 'Council votes to keep the old quay', status: 'published', visibility: 'public',
        tags: [{name: 'Harbour'}, {name: 'Council'}, {name: '#lead-story'}],
        feature_image: quay, feature_image_alt: 'The old quay at low tide', feature_image_caption: 'The quay in March. <a href="https://example.test/photos">Photo: Jo Marsh</a>',
        custom_excerpt: 'A late amendment saves the stone pier from the redevelopment plan.',
        published_at: '2024-03-04T08:30:00.000Z',
        lexical: doc(
            p('The council voted ', text('nine to four', 1), ' on Monday night to keep the old quay.'),
            h('h2', 'What happens next'),
            list('bullet', ['A survey of the stonework', 'A public meeting in April', 'A new budget line']),
            quote('We were told the quay could not be saved. It can.'),
            image(quay, 'Stone steps down to the water', 'The steps, <em>built in 1820</em>'),
            p('Read the ', link('https://example.test/minutes', 'published minutes'), ' for the full vote.')
        )},
    {title: 'Ferry timetable changes for winter', status: 'published', visibility: 'members',
        tags: [{name: 'Transport'}, {name: 'Harbour'}], published_at: '2024-03-05T07:00:00.000Z',
        feature_image: ferry, feature_image_alt: 'The ferry leaving the harbour', feature_image_caption: 'The morning crossing',
        lexical: doc(
            p('From November the first crossing leaves at 7.15.'),
            h('h3', 'Sailings'),
            list('number', ['7.15 to the island', '12.30 back to town', '17.45 last crossing']),
            youtube('dQw4w9WgXcQ', 'The ferry’s new route, filmed by the port')
        )},
    {title: 'Inside the market hall’s last season', status: 'published', visibility: 'paid',
        tags: [{name: 'Business'}], published_at: '2024-03-06T06:00:00.000Z',
        custom_excerpt: 'Traders on thirty years under one roof.',
        lexical: doc(
            p('The fishmongers were first to arrive and will be last to leave.'),
            image(market, 'Stalls under the iron roof', 'The hall on a Saturday'),
            bookmark('https://example.test/market-report', 'Market hall condition report'),
            p('The hall closes in May.')
        )},
    {title: 'Tier-only briefing: the harbour budget', status: 'published', visibility: 'tiers',
        tiers: tiers.map(t => ({id: t.id})), tags: [{name: 'Council'}], published_at: '2024-03-07T06:00:00.000Z',
        lexical: doc(p('The budget line for the harbour rises by four per cent.'))},
    {title: 'Café society: Zürich’s øresund of coffee – a review', status: 'published', visibility: 'public',
        tags: [{name: 'Culture'}, {name: 'Food & drink'}], published_at: '2024-03-08T12:00:00.000Z',
        feature_image: cafe, feature_image_alt: 'A cup on a zinc counter', feature_image_caption: '',
        lexical: doc(p('Crème brûlée, smørrebrød and a very good flat white.'), p('Ça va.'))},
    {title: 'Council meets', status: 'published', visibility: 'public', tags: [{name: 'Council'}],
        published_at: '2024-03-09T09:00:00.000Z', lexical: doc(p('The first of two meetings with the same headline.'))},
    {title: 'Council meets', status: 'published', visibility: 'public', tags: [{name: 'Council'}],
        published_at: '2024-03-10T09:00:00.000Z', lexical: doc(p('The second meeting; Ghost gives it another slug.'))},
    {title: 'Two bylines: the harbour at night', status: 'published', visibility: 'public',
        tags: [{name: 'Harbour'}], published_at: '2024-03-11T21:00:00.000Z', second_author: true,
        lexical: doc(p('Written by two of our reporters.'))},
    {title: 'Draft: the lifeboat appeal', status: 'draft', visibility: 'public', tags: [{name: 'Harbour'}],
        lexical: doc(p('Not ready yet.'))},
    {title: 'Scheduled: the regatta returns', status: 'scheduled', visibility: 'public', tags: [{name: 'Sport'}],
        published_at: new Date(Date.now() + 40 * 86400 * 1000).toISOString(),
        lexical: doc(p('The regatta is back this summer.'))},
    {title: 'No tags at all', status: 'published', visibility: 'public', published_at: '2024-03-12T09:00:00.000Z',
        lexical: doc(p('A story filed without a tag.'))}
];

const ids = {};
for (const [i, post] of posts.entries()) {
    const {second_author: second, ...fields} = post;
    const created = (await call('POST', '/posts/', {posts: [fields]})).posts[0];
    ids[`POST_${i}`] = created.id;
    if (second) ids.TWO_AUTHOR_POST = created.id;
}
await call('POST', '/pages/', {pages: [{title: 'About the Gazette', status: 'published', lexical: doc(p('A page, not a story.'))}]});
// A post written in the Mobiledoc editor, as every Ghost before 5.x saved them.
const mobiledoc = JSON.stringify({version: '0.3.1', atoms: [], cards: [['hr', {}]], markups: [['em']],
    sections: [[1, 'p', [[0, [], 0, 'Written in the '], [0, [0], 1, 'old'], [0, [], 0, ' editor.']]], [10, 0], [1, 'h2', [[0, [], 0, 'Still here']]]]});
const old = (await call('POST', '/posts/', {posts: [{title: 'From the old editor', status: 'published', mobiledoc,
    tags: [{name: 'Archive'}], published_at: '2019-06-01T10:00:00.000Z'}]})).posts[0];
ids.MOBILEDOC_POST = old.id;

const member = fields => call('POST', '/members/', {members: [fields]}).then(r => r.members[0]);
await member({email: 'frances.free@example.test', name: 'Frances Free', newsletters: [{id: daily.id}, {id: weekend.id}]});
await member({email: 'quiet.reader@example.test', name: 'Quiet Reader', newsletters: []});
// Given a tier without paying: Ghost calls them comped.
await member({email: 'guest.writer@example.test', name: 'Guest Writer', newsletters: [{id: daily.id}], tiers: [{id: tiers[0].id}]});
await member({email: 'prize.winner@example.test', name: 'Prize Winner', newsletters: [],
    tiers: [{id: tiers[0].id, expiry_at: '2027-06-30T00:00:00.000Z'}]});
// Paid members only come from Stripe; make_export.sh turns these two into paid ones in the database.
const payer = await member({email: 'pat.payer@example.test', name: 'Pat Payer', newsletters: [{id: daily.id}]});
const lapsed = await member({email: 'lapsed.payer@example.test', name: 'Lapsed Payer', newsletters: []});

Object.assign(ids, {OWNER_ID: owner.id, PAYER_ID: payer.id, LAPSED_ID: lapsed.id, TIER_ID: tiers[0].id});
for (const [key, value] of Object.entries(ids)) console.log(`${key}=${value}`);
