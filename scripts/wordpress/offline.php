<?php
/*
 * Plugin Name: hirlap test: no outbound HTTP
 * Description: The test machine has no internet; WordPress would wait on update checks and oEmbed look-ups. Every outgoing request fails at once instead, as it would on a site whose oEmbed provider is down.
 */
add_filter('pre_http_request', function () {
    return new WP_Error('http_request_failed', 'hirlap test WordPress: no outbound HTTP');
}, 1);
