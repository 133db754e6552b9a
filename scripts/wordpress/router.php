<?php
// PHP built-in server router for the test WordPress: files under /wp-content/ come from the
// test's own wp-content folder (uploads, the mu-plugin); everything else is WordPress as usual.
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
if (strncmp($path, '/wp-content/', 12) === 0 && strpos($path, '..') === false) {
    $file = getenv('WP_HIRLAP_CONTENT') . substr($path, 11);
    if (is_file($file) && substr($file, -4) !== '.php') {
        $types = ['jpg' => 'image/jpeg', 'jpeg' => 'image/jpeg', 'png' => 'image/png', 'gif' => 'image/gif', 'webp' => 'image/webp'];
        $ext = strtolower(pathinfo($file, PATHINFO_EXTENSION));
        header('Content-Type: ' . ($types[$ext] ?? 'application/octet-stream'));
        header('Content-Length: ' . filesize($file));
        readfile($file);
        return true;
    }
    if (!is_file($_SERVER['DOCUMENT_ROOT'] . $path)) {
        http_response_code(404);
        return true;
    }
}
return false;
