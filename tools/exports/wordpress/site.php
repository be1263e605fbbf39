<?php
// Installs WordPress into the run's database and writes the old paper the tests import:
// two authors, categories and tags, pictures with alt text, caption and credit, and
// posts that cover what a real export holds (classic and block-editor bodies,
// shortcodes, odd titles and slugs, every status, a page, a menu, a reusable block).
define('WP_INSTALLING', true);
require __DIR__ . '/wp-env.php';
require ABSPATH . 'wp-settings.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/nav-menu.php';

// No mail server here: WordPress's "new site" message goes nowhere.
add_filter('pre_wp_mail', '__return_false');
wp_install('The Old Harbour Gazette', 'ada', 'ada@oldpaper.example', true, '', 'fixture-only', 'en_GB');
update_option('timezone_string', 'Europe/London');
update_option('permalink_structure', '/%year%/%monthnum%/%day%/%postname%/');
update_option('uploads_use_yearmonth_folders', 1);
update_option('blogdescription', 'News from the old harbour since 1891');
// wp_install()'s sample post and pages carry today's date: without them the export is
// the same on every run.
foreach ([1, 2, 3] as $sample) {
    wp_delete_post($sample, true);
}

$ada = get_user_by('login', 'ada')->ID;
wp_update_user(['ID' => $ada, 'display_name' => 'Ada Byrne', 'first_name' => 'Ada', 'last_name' => 'Byrne']);
$zofia = wp_insert_user([
    'user_login' => 'zofia', 'user_pass' => 'fixture-only', 'user_email' => 'zofia@oldpaper.example',
    'display_name' => 'Zofia Łukasiewicz', 'first_name' => 'Zofia', 'last_name' => 'Łukasiewicz',
    'role' => 'author',
]);

function category($name, $slug = '') {
    $id = wp_insert_category(['cat_name' => $name, 'category_nicename' => $slug]);
    return (int) $id;
}
$news = category('News');
$local = category('Local');
$politics = category('Politics & Power', 'politics');
$culture = category('Culture');
$sport = category('Sport');
$uncategorized = 1;

// A small picture drawn with GD, uploaded the way the media library does it.
function picture($name, $month, $colour, $title, $alt, $caption, $credit, $parent = 0) {
    [$r, $g, $b] = $colour;
    $im = imagecreatetruecolor(480, 320);
    for ($y = 0; $y < 320; $y++) {
        $c = imagecolorallocate($im, min(255, $r + $y / 4), min(255, $g + $y / 5), min(255, $b + $y / 6));
        imageline($im, 0, $y, 479, $y, $c);
    }
    imagefilledellipse($im, 340, 110, 90, 90, imagecolorallocate($im, 250, 240, 200));
    imagefilledrectangle($im, 0, 250, 479, 319, imagecolorallocate($im, 40, 60, 90));
    ob_start();
    str_ends_with($name, '.png') ? imagepng($im, null, 9) : imagejpeg($im, null, 45);
    $bits = ob_get_clean();
    $upload = wp_upload_bits($name, null, $bits, $month);
    if ($upload['error']) {
        fwrite(STDERR, $upload['error'] . "\n");
        exit(1);
    }
    $id = wp_insert_attachment([
        'post_mime_type' => str_ends_with($name, '.png') ? 'image/png' : 'image/jpeg',
        'post_title' => $title,
        'post_excerpt' => $caption,   // WordPress's "Caption"
        'post_content' => $credit,    // WordPress's "Description": the credit, by this paper's habit
        'post_status' => 'inherit',
        'guid' => $upload['url'],
        'post_date' => substr($month, 0, 4) . '-' . substr($month, 5, 2) . '-01 08:00:00',
    ], $upload['file'], $parent);
    wp_update_attachment_metadata($id, wp_generate_attachment_metadata($id, $upload['file']));
    if ($alt !== '') {
        update_post_meta($id, '_wp_attachment_image_alt', $alt);
    }
    return $id;
}

function post($fields, $categories = [], $tags = [], $hero = 0) {
    $fields += ['post_type' => 'post', 'post_status' => 'publish', 'post_author' => $GLOBALS['ada']];
    if ($categories) {
        $fields['post_category'] = $categories;
    }
    $id = wp_insert_post(wp_slash($fields), true);
    if (is_wp_error($id)) {
        fwrite(STDERR, $id->get_error_message() . "\n");
        exit(1);
    }
    // Posts written in the admin start as an auto-draft, so their guid is the "?p=" address.
    if ($fields['post_type'] === 'post') {
        $GLOBALS['wpdb']->update($GLOBALS['wpdb']->posts, ['guid' => home_url('/?p=' . $id)], ['ID' => $id]);
    }
    if ($tags) {
        wp_set_post_tags($id, $tags);
    }
    if ($hero) {
        set_post_thumbnail($id, $hero);
    }
    return $id;
}

$harbour = picture('harbour.jpg', '2024/03', [30, 80, 140], 'Harbour at dawn',
    'Fishing boats moored along the north quay at dawn', 'The north quay, where the new berths will go.',
    'Photo: Ada Byrne / The Old Harbour Gazette');
$market = picture('market.jpg', '2024/07', [140, 70, 30], 'Saturday market',
    'Stalls under striped awnings in the market square', 'Saturday market in the square.', 'Tomasz Nowak');
$bridge = picture('bridge.jpg', '2024/07', [60, 120, 60], 'Swing bridge',
    '', 'The swing bridge, closed since May.', '');
$bollard = picture('bollard.png', '2024/09', [90, 90, 90], 'Bollard',
    'A cast-iron bollard painted black', 'One of the listed bollards.', 'Council handout');
$uploads = 'https://oldpaper.example/wp-content/uploads';

// 1. A classic-editor story: paragraphs by blank lines (wpautop), a heading, a quote, nested lists.
$p_harbour = post([
    'post_title' => 'Harbour plan approved after a long night',
    'post_date' => '2024-03-14 09:30:00',
    'post_excerpt' => 'Councillors voted <em>nine to four</em> for the new berths.',
    'post_content' => <<<HTML
Councillors approved the harbour plan shortly after midnight, ending a debate that had run for six hours.

The plan adds twelve berths to the north quay &amp; rebuilds the old fish market.
<h2>What happens next</h2>
Work starts in the autumn. The contractor has promised that the quay stays open.
<blockquote>We have waited thirty years for this. Tonight the town chose its harbour.</blockquote>
The council listed three conditions:
<ul>
 	<li>no work on market days</li>
 	<li>the slipway stays public
<ul>
 	<li>for rowing clubs</li>
 	<li>for the lifeboat</li>
</ul>
</li>
 	<li>a report every quarter</li>
</ul>
Opponents say they will ask for a review.
HTML,
], [$news, $local], ['harbour', 'council'], $harbour);
// Yoast SEO's "primary category", which news sites use to pick the section.
update_post_meta($p_harbour, '_yoast_wpseo_primary_category', (string) $news);
wp_insert_comment(['comment_post_ID' => $p_harbour, 'comment_author' => 'A reader',
    'comment_content' => 'About time.', 'comment_approved' => 1, 'comment_date' => '2024-03-14 12:00:00']);

// 2. A block-editor story with an image block (figure and caption) and a YouTube embed.
$market_id = $market;
post([
    'post_title' => 'The Saturday market turns one hundred',
    'post_date' => '2024-07-06 10:00:00',
    'post_author' => $zofia,
    'post_content' => <<<HTML
<!-- wp:paragraph -->
<p>The Saturday market opened in 1924 with eleven stalls. This week it had ninety.</p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2 class="wp-block-heading">A century of Saturdays</h2>
<!-- /wp:heading -->

<!-- wp:image {"id":$market_id,"sizeSlug":"medium","linkDestination":"none"} -->
<figure class="wp-block-image size-medium"><img src="$uploads/2024/07/market-300x200.jpg" alt="Stalls under striped awnings in the market square" class="wp-image-$market_id"/><figcaption class="wp-element-caption">Stalls in the square on Saturday morning.</figcaption></figure>
<!-- /wp:image -->

<!-- wp:paragraph -->
<p>Traders marked the day with a parade. Watch it here:</p>
<!-- /wp:paragraph -->

<!-- wp:embed {"url":"https://www.youtube.com/watch?v=aqz-KE-bpKQ","type":"video","providerNameSlug":"youtube","responsive":true,"className":"wp-embed-aspect-16-9 wp-has-aspect-ratio"} -->
<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube wp-embed-aspect-16-9 wp-has-aspect-ratio"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=aqz-KE-bpKQ
</div></figure>
<!-- /wp:embed -->
HTML,
], [$culture, $local], ['market', 'history'], $market);

// 3. A classic story with a [caption] shortcode, a bare video link and an [embed] shortcode.
post([
    'post_title' => 'Swing bridge to stay shut until spring',
    'post_date' => '2024-07-20 16:45:00',
    'post_content' => <<<HTML
The swing bridge will stay closed until spring, the county said on Friday.

[caption id="attachment_$bridge" align="aligncenter" width="300"]<img class="size-medium wp-image-$bridge" src="$uploads/2024/07/bridge-300x200.jpg" alt="" width="300" height="200" /> The bridge has been <em>closed</em> since May.[/caption]

Engineers found corrosion in the turning gear. Here is how the bridge used to open:

https://youtu.be/aqz-KE-bpKQ

And the county's own film:

[embed]https://vimeo.com/76979871[/embed]

Drivers face a six-mile detour.
HTML,
], [$news, $local], ['bridge', 'roads']);

// 4. Shortcodes: a gallery, and plugins' ones the new site cannot know (with and without text).
post([
    'post_title' => 'Photos: the regatta in pictures',
    'post_date' => '2024-08-03 18:00:00',
    'post_author' => $zofia,
    'post_content' => <<<HTML
Forty boats raced in the regatta on Saturday.

[gallery ids="$harbour,$market" columns="2"]

[foo bar="x"]The winning crew came from the rowing club.[/foo]

[pullquote]We trained all winter for this.[/pullquote]

[contact-form-7 id="3" title="Send us your regatta photos"]
HTML,
], [$sport], ['regatta']);

// 5. No title at all.
post(['post_title' => '', 'post_date' => '2024-08-05 07:15:00',
    'post_content' => "A short note without a headline: the ferry timetable changes on Monday."], [$news]);

// 6. A 300-character title.
post([
    'post_title' => substr(str_repeat('A very long headline about the harbour board meeting ', 6), 0, 300),
    'post_date' => '2024-08-06 12:00:00',
    'post_content' => "The board met again.\n\nNothing was decided.",
], [$politics]);

// 7. Entities, typographic quotes and non-Latin titles and slugs.
post(['post_title' => 'Café — “quoted” & more', 'post_date' => '2024-08-10 09:00:00',
    'post_content' => "The café on Quay Street reopens with a new name: “Más &amp; Más”.\n\nIts owners say <strong>nothing else</strong> changes."],
    [$culture], ['food & drink']);
post(['post_title' => 'Αθήνα: νέα γραμμή μετρό', 'post_date' => '2024-08-12 11:00:00', 'post_author' => $zofia,
    'post_content' => 'Η νέα γραμμή ανοίγει το φθινόπωρο.'], [$news], ['Ελλάδα']);
post(['post_title' => 'Łódź: zażółć gęślą jaźń', 'post_date' => '2024-08-13 11:00:00', 'post_author' => $zofia,
    'post_content' => 'Miasto otwiera nowy dworzec.'], [$news], ['Polska']);

// 8. The same title twice: WordPress gives the second post the slug "council-meeting-2".
post(['post_title' => 'Council meeting', 'post_date' => '2024-09-02 19:00:00',
    'post_content' => 'The council meets on Tuesday.'], [$politics], ['council']);
post(['post_title' => 'Council meeting', 'post_date' => '2024-09-09 19:00:00',
    'post_content' => 'The council meets again on Tuesday.'], [$politics], ['council']);

// 9. Only "Uncategorized", and a hero whose file is missing from the media folder.
post(['post_title' => 'Bollards to be repainted', 'post_date' => '2024-09-15 08:00:00',
    'post_content' => 'The listed bollards on the quay will be repainted black.'], [$uncategorized], [], $bollard);

// 10. Every status.
post(['post_title' => 'Draft: harbour dues rise', 'post_status' => 'draft', 'post_date' => '2024-09-20 10:00:00',
    'post_content' => 'Harbour dues will rise by four per cent.'], [$news]);
post(['post_title' => 'Waiting for an editor', 'post_status' => 'pending', 'post_date' => '2024-09-21 10:00:00',
    'post_author' => $zofia, 'post_content' => 'A story that waits for review.'], [$local]);
post(['post_title' => 'Lifeboat naming ceremony', 'post_status' => 'future', 'post_date' => '2030-05-01 12:00:00',
    'post_content' => 'The new lifeboat will be named on the first of May.'], [$local], ['lifeboat'], $harbour);
post(['post_title' => 'Staff rota for the regatta', 'post_status' => 'private', 'post_date' => '2024-07-30 09:00:00',
    'post_content' => 'Who covers which race.'], [$sport]);
post(['post_title' => 'Members only: the editor’s letter', 'post_password' => 'harbour',
    'post_date' => '2024-10-01 07:00:00', 'post_content' => 'Dear readers, thank you.'], [$news]);
$gone = post(['post_title' => 'Story we took down', 'post_date' => '2024-10-02 07:00:00',
    'post_content' => 'This was wrong.'], [$news]);
wp_trash_post($gone);
$wpdb->update($wpdb->posts, ['post_modified' => '2024-10-02 08:00:00', 'post_modified_gmt' => '2024-10-02 07:00:00'],
    ['ID' => $gone]);

// 11. More ordinary published stories, so the export has a realistic mix.
post(['post_title' => 'Rowing club wins county cup', 'post_date' => '2024-10-05 17:30:00', 'post_author' => $zofia,
    'post_content' => "The rowing club won the county cup for the first time since 1987.\n\nThe crew trained on the harbour every morning at six.",
    'post_excerpt' => 'First win since 1987.'], [$sport, $local], ['rowing', 'regatta'], $market);
post(['post_title' => 'Budget: what the council will cut', 'post_date' => '2024-10-12 06:00:00',
    'post_content' => "<p>The council's draft budget cuts library hours and raises parking charges.</p>\n<p>It will be voted on in November.</p>"],
    [$politics, $news], ['council', 'budget']);
$edited = post(['post_title' => 'Ferry returns to winter timetable', 'post_date' => '2024-10-27 08:00:00',
    'post_content' => 'The ferry runs every two hours from Monday.'], [$local], ['ferry']);
wp_update_post(['ID' => $edited, 'post_content' => 'The ferry runs every two hours from Monday, and hourly at weekends.']);
// wp_update_post() stamps the edit with today's time; a fixed one keeps the export stable.
$wpdb->update($wpdb->posts, ['post_modified' => '2024-10-28 09:15:00', 'post_modified_gmt' => '2024-10-28 09:15:00'],
    ['ID' => $edited]);

// 12. Things that are not stories.
$about = post(['post_type' => 'page', 'post_title' => 'About the Gazette', 'post_date' => '2024-01-01 09:00:00',
    'post_content' => 'The Gazette has covered the harbour since 1891.']);
post(['post_type' => 'wp_block', 'post_title' => 'Newsletter sign-up', 'post_date' => '2024-01-02 09:00:00',
    'post_content' => "<!-- wp:paragraph -->\n<p>Get the Gazette by email every morning.</p>\n<!-- /wp:paragraph -->"]);
$menu = wp_create_nav_menu('Main menu');
wp_update_nav_menu_item($menu, 0, ['menu-item-title' => 'About', 'menu-item-object' => 'page',
    'menu-item-object-id' => $about, 'menu-item-type' => 'post_type', 'menu-item-status' => 'publish']);
$wpdb->query("UPDATE $wpdb->posts SET post_date = '2024-01-03 09:00:00', post_date_gmt = '2024-01-03 09:00:00',
    post_modified = '2024-01-03 09:00:00', post_modified_gmt = '2024-01-03 09:00:00',
    guid = CONCAT('https://oldpaper.example/?p=', ID) WHERE post_type = 'nav_menu_item'");

echo "WordPress site made.\n";
