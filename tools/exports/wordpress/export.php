<?php
// Writes the whole site as WordPress's own "Tools > Export > All content" does.
require __DIR__ . '/wp-env.php';
require ABSPATH . 'wp-settings.php';
require_once ABSPATH . 'wp-admin/includes/export.php';
// export_wp() sends download headers; on the command line they only warn.
export_wp(['content' => 'all']);
