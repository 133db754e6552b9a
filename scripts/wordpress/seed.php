<?php
// Installs and seeds the test WordPress (scripts/wordpress.sh), with WordPress's own functions.
// All sample text is original, written for hirlap's tests.
//
//   php seed.php install   install, two authors, categories, tags, images, posts of every kind
//   php seed.php change    edit one post, trash one, publish the draft
//   php seed.php bulk N    N short posts inserted straight into the database (timing runs)
//
// Environment: WP_URL (http://127.0.0.1:PORT), WP_DIR (the test folder; seed.json goes there).

$url = rtrim(getenv('WP_URL'), '/');
$dir = getenv('WP_DIR');
$mode = $argv[1] ?? '';
$_SERVER['HTTP_HOST'] = parse_url($url, PHP_URL_HOST) . ':' . parse_url($url, PHP_URL_PORT);
$_SERVER['SERVER_NAME'] = parse_url($url, PHP_URL_HOST);
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
if ($mode === 'install') {
    define('WP_INSTALLING', true);
}
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

function fail($what) {
    fwrite(STDERR, "seed.php: $what\n");
    exit(1);
}

function ok($r, $what) {
    if (is_wp_error($r)) {
        fail("$what: " . $r->get_error_message());
    }
    return $r;
}

function post($fields) {
    $fields = array_merge(['post_status' => 'publish', 'post_type' => 'post', 'post_author' => 1], $fields);
    return ok(wp_insert_post($fields, true), 'post ' . $fields['post_title']);
}

function cat($name, $slug) {
    $t = ok(wp_insert_term($name, 'category', ['slug' => $slug]), "category $name");
    return $t['term_id'];
}

/** A small JPEG or PNG drawn with GD, registered as an attachment; returns its id. */
function image($file, $w, $h, $rgb, $alt, $caption) {
    $up = wp_upload_dir('2024/05');
    wp_mkdir_p($up['path']);
    $im = imagecreatetruecolor($w, $h);
    for ($y = 0; $y < $h; $y++) {
        $c = imagecolorallocate($im, min(255, $rgb[0] + $y), min(255, $rgb[1] + intdiv($y, 2)), $rgb[2]);
        imageline($im, 0, $y, $w, $y, $c);
    }
    $path = $up['path'] . '/' . $file;
    $png = substr($file, -4) === '.png';
    $png ? imagepng($im, $path) : imagejpeg($im, $path, 80);
    $id = ok(wp_insert_attachment([
        'post_mime_type' => $png ? 'image/png' : 'image/jpeg',
        'post_title' => $alt,
        'post_excerpt' => $caption,
        'post_status' => 'inherit',
    ], $path), "image $file");
    update_post_meta($id, '_wp_attachment_image_alt', $alt);
    wp_update_attachment_metadata($id, ['width' => $w, 'height' => $h, 'file' => "2024/05/$file", 'sizes' => []]);
    return $id;
}

function p($html) {
    return "<!-- wp:paragraph -->\n<p>$html</p>\n<!-- /wp:paragraph -->\n\n";
}

if ($mode === 'install') {
    ok(wp_install('CIVILHETES', 'kovacsanna', 'anna@civilhetes.example', true, '', 'teszt-jelszo-1'), 'install');
    update_option('siteurl', $url);
    update_option('home', $url);
    update_option('timezone_string', 'Europe/Budapest');
    update_option('posts_per_page', 10);
    global $wp_rewrite;
    $wp_rewrite->set_permalink_structure('/%year%/%monthnum%/%day%/%postname%/');
    flush_rewrite_rules(false);

    ok(wp_update_user(['ID' => 1, 'display_name' => 'Kovács Anna', 'user_nicename' => 'kovacs-anna',
        'description' => 'Belpolitikai újságíró; városokról, közlekedésről és önkormányzatokról ír.']), 'user 1');
    $bence = ok(wp_insert_user(['user_login' => 'tothbence', 'user_pass' => 'teszt-jelszo-2',
        'user_email' => 'bence@civilhetes.example', 'display_name' => 'Tóth Bence', 'user_nicename' => 'toth-bence',
        'role' => 'author', 'description' => 'Külpolitika és gazdaság, különös tekintettel az energiapiacra.']), 'user 2');
    wp_set_current_user(1); // an administrator: kses keeps <script> and <iframe>, so the converter meets them

    wp_delete_post(1, true); // "Hello world!"
    ok(wp_update_term(1, 'category', ['name' => 'Egyéb', 'slug' => 'egyeb']), 'default category');
    $belfold = cat('Belföld', 'belfold');
    $kulfold = cat('Külföld', 'kulfold');
    $gazdasag = cat('Gazdaság', 'gazdasag');
    $technika = cat('Technika', 'technika');
    $hazai = cat('Hazai hírek', 'hazai-hirek'); // mapped to belfold in the test's site.toml

    $rakpart = image('rakpart-reggel.jpg', 640, 360, [40, 90, 140], 'A rakpart kora reggel, kerékpárosokkal',
        'Fotó: Szalai Réka / CIVILHETES');
    $terkep = image('uj-setany-terkep.png', 480, 300, [120, 160, 60], 'Az új sétány vázlatos térképe', '');
    $tárgyalo = image('targyalo.jpg', 600, 400, [150, 60, 60], 'Üres tárgyalóasztal zászlókkal', 'Fotó: Tóth Bence');

    $ids = [];
    $ids['heat'] = post(['post_title' => 'Hőségriasztás jön a hétvégére', 'post_name' => 'hosegriasztas-jon-a-hetvegere',
        'post_date' => '2024-05-20 08:15:00', 'post_category' => [$belfold, 1], 'tags_input' => ['Időjárás', 'Budapest'],
        'post_excerpt' => 'Harmincnégy fok is lehet szombaton; a fővárosban ivókutakat állítanak fel.',
        'post_content' => p('Az előrejelzés szerint szombaton <strong>harmincnégy fok</strong> is lehet az Alföldön.')
            . p('A fővárosban tizenkét helyen állítanak fel ideiglenes ivókutat.')]);
    $heat_link = get_permalink($ids['heat']);
    $img_url = wp_get_attachment_url($terkep);

    $ids['rich'] = post(['post_title' => 'Megújul a Duna-parti sétány', 'post_name' => 'megujul-a-duna-parti-setany',
        'post_date' => '2024-05-21 09:30:00', 'post_category' => [$belfold], 'post_author' => 1,
        'tags_input' => ['Budapest', 'Közlekedés', 'Önkormányzat'],
        'post_excerpt' => 'Két év munka után a gyalogosoké és a kerékpárosoké lesz a rakpart alsó szakasza.',
        'post_content' =>
            p('A fővárosi közgyűlés szerdán <strong>nagy többséggel</strong> fogadta el a rakpart átalakításának <em>végleges</em> terveit. A döntés előzményeiről <a href="' . $heat_link . '">korábban is írtunk</a>, a tervek a <a href="https://budapest.example/terv">városháza oldalán</a> olvashatók.')
            . "<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">Mi változik a rakparton?</h2>\n<!-- /wp:heading -->\n\n"
            . p('Az autóforgalom hétvégén teljesen megszűnik, hétköznap egy sávra szűkül.')
            . "<!-- wp:pullquote -->\n<figure class=\"wp-block-pullquote\"><blockquote><p>A rakpart végre a városé lesz, nem az autóké.</p><cite>a főpolgármester-helyettes</cite></blockquote></figure>\n<!-- /wp:pullquote -->\n\n"
            . "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><p>„Húsz éve várunk arra, hogy a folyóig lesétálhassunk.”</p><cite>Varga Ilona, a környékbeli lakók egyesületének elnöke</cite></blockquote>\n<!-- /wp:quote -->\n\n"
            . "<!-- wp:image {\"id\":$terkep} -->\n<figure class=\"wp-block-image size-large\"><img src=\"$img_url\" alt=\"Az új sétány vázlatos térképe\" class=\"wp-image-$terkep\"/><figcaption class=\"wp-element-caption\">A sétány három szakasza <cite>Térkép: Fővárosi Főépítészi Iroda</cite></figcaption></figure>\n<!-- /wp:image -->\n\n"
            . "<!-- wp:list -->\n<ul><li>kétirányú kerékpárút</li><li>árnyékoló fák és <strong>padok</strong></li><li>ivókutak</li></ul>\n<!-- /wp:list -->\n\n"
            . "<!-- wp:list {\"ordered\":true} -->\n<ol><li>tervezés 2024 nyaráig</li><li>kivitelezés 2025-ben</li></ol>\n<!-- /wp:list -->\n\n"
            . "<!-- wp:embed {\"url\":\"https://www.youtube.com/watch?v=hirlapSeta1\",\"type\":\"video\",\"providerNameSlug\":\"youtube\"} -->\n<figure class=\"wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube\"><div class=\"wp-block-embed__wrapper\">\nhttps://www.youtube.com/watch?v=hirlapSeta1\n</div></figure>\n<!-- /wp:embed -->\n\n"
            . "<!-- wp:html -->\n<script>document.title = 'feltörve';</script>\n<iframe src=\"https://terkep.example/beagyazott\" width=\"600\" height=\"400\"></iframe>\n<!-- /wp:html -->\n\n"
            . p('A munkák ősszel kezdődnek; a forgalomkorlátozásokról később tájékoztatnak.'),
        'meta_input' => []]);
    set_post_thumbnail($ids['rich'], $rakpart);

    $ids['trash'] = post(['post_title' => 'Kereskedelmi tárgyalások kezdődnek Brüsszelben', 'post_name' => 'kereskedelmi-targyalasok-brusszelben',
        'post_date' => '2024-05-19 17:45:00', 'post_category' => [$kulfold], 'post_author' => $bence,
        'tags_input' => ['Európai Unió', 'Kereskedelem'],
        'post_content' => p('A tagállamok képviselői hétfőn ülnek le újra a vámokról szóló egyeztetésre.')
            . p('A magyar delegációt az államtitkár vezeti.')]);
    set_post_thumbnail($ids['trash'], $tárgyalo);

    $ids['edit'] = post(['post_title' => 'Drágul a kenyér', 'post_name' => 'dragul-a-kenyer',
        'post_date' => '2024-05-18 11:00:00', 'post_category' => [$gazdasag], 'post_author' => $bence,
        'tags_input' => ['Infláció', 'Élelmiszer'],
        'post_excerpt' => 'A pékségek szerint a liszt ára a felelős.',
        'post_content' => p('Átlagosan nyolc százalékkal kerül többe a fehér kenyér júniustól.')]);

    $ids['mapped'] = post(['post_title' => 'Akkumulátorgyár épül a Dunántúlon', 'post_name' => 'akkumulatorgyar-epul-a-dunantulon',
        'post_date' => '2024-05-17 14:20:00', 'post_category' => [$hazai], 'tags_input' => ['Ipar', 'Környezet'],
        'post_content' => p('A beruházás háromszáz munkahelyet teremt; a helyiek a vízfelhasználás miatt aggódnak.')]);

    $ids['draft'] = post(['post_title' => 'Piszkozat: új buszvonal indul', 'post_name' => 'uj-buszvonal-indul', 'post_status' => 'draft',
        'post_date' => '2024-05-16 10:00:00', 'post_category' => [$belfold], 'tags_input' => ['Közlekedés'],
        'post_content' => p('Az új járat a pályaudvart köti össze a kórházzal.')]);
    $ids['future'] = post(['post_title' => 'Időzített cikk a választás napjára', 'post_name' => 'idozitett-cikk', 'post_status' => 'future',
        'post_date' => '2030-04-12 06:00:00', 'post_category' => [$belfold],
        'post_content' => p('Ez a cikk csak a jövőben jelenik meg.')]);
    $ids['private'] = post(['post_title' => 'Belső feljegyzés a szerkesztőségnek', 'post_name' => 'belso-feljegyzes', 'post_status' => 'private',
        'post_date' => '2024-05-15 09:00:00', 'post_category' => [$belfold],
        'post_content' => p('Csak a szerkesztők láthatják.')]);
    $ids['trashed'] = post(['post_title' => 'Tévesen közölt hír', 'post_name' => 'tevesen-kozolt-hir',
        'post_date' => '2024-05-14 09:00:00', 'post_category' => [$belfold], 'post_content' => p('Ezt a hírt visszavontuk.')]);
    wp_trash_post($ids['trashed']);

    // More posts than one REST page holds (100): short technology notes.
    $things = ['napelem', 'okostelefon', 'hőszivattyú', 'villanyroller', 'adatközpont', 'műhold', 'robotporszívó'];
    $verbs = ['olcsóbb lett', 'új szabályt kapott', 'rekordot döntött', 'hibát javítottak benne', 'egyre népszerűbb'];
    for ($i = 1; $i <= 105; $i++) {
        $thing = $things[$i % count($things)];
        $verb = $verbs[$i % count($verbs)];
        $day = 1 + ($i % 28);
        $month = 1 + ($i % 4);
        post(['post_title' => "Rövid hír #$i: a $thing $verb", 'post_name' => "rovid-hir-$i",
            'post_date' => sprintf('2024-%02d-%02d %02d:%02d:00', $month, $day, 6 + $i % 12, $i % 60),
            'post_category' => [$technika], 'tags_input' => ['Technika', ucfirst($thing)],
            'post_author' => $i % 2 ? 1 : $bence,
            'post_content' => p("A(z) $thing a hét témája volt: $verb, írják olvasóink.") . p("Ez a $i. rövid hírünk.")]);
    }
    file_put_contents("$dir/seed.json", json_encode($ids, JSON_PRETTY_PRINT));
    echo "seeded: " . count($ids) . " named posts and 105 short ones\n";
} elseif ($mode === 'change') {
    wp_set_current_user(1);
    $ids = json_decode(file_get_contents("$dir/seed.json"), true);
    ok(wp_update_post(['ID' => $ids['edit'], 'post_title' => 'Tovább drágul a kenyér',
        'post_content' => p('Átlagosan <strong>tizenkét</strong> százalékkal kerül többe a fehér kenyér júniustól, a korábban várt nyolc helyett.')], true), 'edit');
    wp_trash_post($ids['trash']);
    wp_publish_post($ids['draft']);
    echo "changed: edited {$ids['edit']}, trashed {$ids['trash']}, published {$ids['draft']}\n";
} elseif ($mode === 'bulk') {
    // Straight SQL: wp_insert_post for 10,000 posts would take minutes; the REST API reads the same rows.
    global $wpdb;
    $n = (int) ($argv[2] ?? 0);
    $cat = get_term_by('slug', 'technika', 'category');
    $tt = (int) $cat->term_taxonomy_id;
    $start = (int) $wpdb->get_var("SELECT COALESCE(MAX(ID), 0) FROM {$wpdb->posts}") + 1;
    for ($from = 0; $from < $n; $from += 500) {
        $rows = [];
        $rels = [];
        for ($i = $from; $i < min($n, $from + 500); $i++) {
            $id = $start + $i;
            $t = strtotime('2023-01-01 08:00:00') + $i * 3600;
            $local = date('Y-m-d H:i:s', $t + 3600);
            $gmt = date('Y-m-d H:i:s', $t);
            $content = esc_sql("<!-- wp:paragraph -->\n<p>Tömeges teszthír, sorszáma $i. A <strong>mérés</strong> kedvéért készült.</p>\n<!-- /wp:paragraph -->");
            $rows[] = "($id, 1, '$local', '$gmt', '$content', 'Tömeges hír $i', '', 'publish', 'closed', 'closed', 'tomeges-hir-$i', '', '', '$local', '$gmt', '', 0, '$url/?p=$id', 0, 'post', '', 0)";
            $rels[] = "($id, $tt, 0)";
        }
        $wpdb->query("INSERT INTO {$wpdb->posts} (ID, post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, post_status, comment_status, ping_status, post_name, to_ping, pinged, post_modified, post_modified_gmt, post_content_filtered, post_parent, guid, menu_order, post_type, post_mime_type, comment_count) VALUES " . implode(',', $rows)) or fail('bulk insert: ' . $wpdb->last_error);
        $wpdb->query("INSERT INTO {$wpdb->term_relationships} (object_id, term_taxonomy_id, term_order) VALUES " . implode(',', $rels)) or fail('bulk terms: ' . $wpdb->last_error);
    }
    wp_update_term_count_now([$tt], 'category');
    echo "bulk: $n posts\n";
} else {
    fail('usage: seed.php install|change|bulk N');
}
